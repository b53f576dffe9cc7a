using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ringback.Data;
using Ringback.Data.Secrets;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Cli;

/// <summary><c>ringback smtp password</c> keeps the mail server's password encrypted, never as typed.</summary>
[Trait("Tier", "Process")]
public class SmtpPasswordTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_smtp_password_is_stored_encrypted_read_back_with_the_key_ring_and_forgotten_on_request(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ringback = new RingbackProcess(database);
        const string Password = "s3cret-mail-pa55word";

        var stored = await ringback.RunWithInputAsync(Password, "smtp", "password");
        stored.ExitCode.ShouldBe(0, stored.Error);
        stored.Out.ShouldNotContain(Password);
        await using (var db = database.NewContext())
        {
            var row = await db.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == ServerSecrets.SmtpPassword);
            row.ProtectedValue.ShouldNotContain(Password);
            row.ProtectedValue.ShouldNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password)));
        }

        // What the CLI encrypted, the server reads with the same key ring (the data directory's on SQLite, the database's on PostgreSQL).
        await using (var app = await RingbackApiFactory.StartAsync(database))
        {
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ServerSecrets.Purpose);
            await using var db = database.NewContext();
            (await ServerSecrets.ReadAsync(db, ServerSecrets.SmtpPassword, protector.Unprotect, default)).ShouldBe(Password);
        }

        (await ringback.RunWithInputAsync("", "smtp", "password")).ExitCode.ShouldBe(2, "an empty password is refused, not stored");
        var cleared = await ringback.RunAsync("smtp", "password", "--clear");
        cleared.Out.ShouldContain("forgotten");
        await using (var db = database.NewContext())
        {
            (await db.ServerSecrets.AnyAsync()).ShouldBeFalse();
        }
    }
}
