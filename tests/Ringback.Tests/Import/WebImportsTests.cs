using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Import;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Import;

/// <summary>What a browser's import keeps between its requests, so any server behind a load balancer can answer them.</summary>
public class WebImportsTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_upload_checked_on_one_server_is_imported_on_another_and_only_by_its_owner(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var other = await database.AddUserAsync("sam@other.example", "Other Company");
        var clock = new TestClock(Instant.FromUtc(2026, 11, 29, 9, 0));
        var content = RandomNumberGenerator.GetBytes((2 << 20) + 12345); // three pieces in the database
        var serverA = Server(database, "a");
        var serverB = Server(database, "b");

        await using var dbA = database.NewContext(rep.OrganizationId);
        var (name, pathA) = await new WebImports(dbA, serverA, clock).SaveAsync(rep.OrganizationId, rep.Id, new MemoryStream(content), CancellationToken.None);
        (await File.ReadAllBytesAsync(pathA)).ShouldBe(content);

        await using var dbB = database.NewContext(rep.OrganizationId);
        var onB = new WebImports(dbB, serverB, clock);
        var pathB = await onB.OpenAsync(name, rep.Id, CancellationToken.None);
        if (provider == DatabaseProvider.Postgres)
        {
            pathB.ShouldNotBeNull("server B fetches the upload from the database");
            pathB.ShouldNotBe(pathA);
            (await File.ReadAllBytesAsync(pathB)).ShouldBe(content);
        }
        else
        {
            pathB.ShouldBeNull("SQLite serves one server, which kept the file");
            (await new WebImports(dbA, serverA, clock).OpenAsync(name, rep.Id, CancellationToken.None)).ShouldBe(pathA);
        }

        (await onB.OpenAsync(name, other.Id, CancellationToken.None)).ShouldBeNull("another rep cannot import it");
        (await onB.OpenAsync($"{rep.Id:N}-../../ringback", rep.Id, CancellationToken.None)).ShouldBeNull("a crafted name reaches no file");

        await new WebImports(dbA, serverA, clock).DeleteAsync(name, CancellationToken.None);
        File.Exists(pathA).ShouldBeFalse();
        (await new WebImports(dbA, Server(database, "c"), clock).OpenAsync(name, rep.Id, CancellationToken.None)).ShouldBeNull("deleted everywhere");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_job_reports_progress_its_result_and_a_server_that_stopped(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var clock = new TestClock(Instant.FromUtc(2026, 11, 29, 9, 0));
        await using var db = database.NewContext(rep.OrganizationId);
        var imports = new WebImports(db, database.Storage, clock);

        var running = await imports.StartAsync(rep.OrganizationId, rep.Id, CancellationToken.None);
        clock.Now += Duration.FromSeconds(20);
        await imports.ProgressAsync(running.Id, 0.4, CancellationToken.None);
        clock.Now += Duration.FromSeconds(29);
        var seen = (await imports.FindAsync(running.Id, rep.Id, CancellationToken.None))!;
        (seen.Fraction, seen.Done, imports.HasStalled(seen)).ShouldBe((0.4, false, false));
        clock.Now += Duration.FromSeconds(2);
        imports.HasStalled(seen).ShouldBeTrue("31 s without a heartbeat: its server stopped");
        (await imports.FindAsync(running.Id, Guid.NewGuid(), CancellationToken.None)).ShouldBeNull("only its owner sees it");

        var report = new ImportReport
        {
            Mapping = Ringback.Import.ContactCsvMapping.FromHeader(["First Name", "Last Name", "Phone Number", "Contact owner", "Favourite colour"]),
            EncodingName = "UTF-8",
            Delimiter = ';',
            RowsRead = 3,
            BadRows = 1,
            ErrorCount = 1,
        };
        report.Errors.Add(new RowError(3, "Phone Number", "'555-12' is too short"));
        report.UnknownOwners.Add("Zoë Quiñones-Smythe");
        await imports.FinishAsync(running.Id, report, null, CancellationToken.None);

        var finished = (await imports.FindAsync(running.Id, rep.Id, CancellationToken.None))!;
        (finished.Done, finished.Fraction, imports.HasStalled(finished)).ShouldBe((true, 1.0, false));
        var back = WebImports.ReportOf(finished)!;
        back.Errors.ShouldBe(report.Errors);
        back.UnknownOwners.ShouldBe(report.UnknownOwners);
        (back.RowsRead, back.BadRows, back.ErrorCount, back.Delimiter, back.Committed).ShouldBe((3, 1, 1, ';', false));
        back.Mapping.Columns.Select(c => c.Column).ShouldBe(report.Mapping.Columns.Select(c => c.Column));
        back.Mapping.Ignored.ShouldBe(["Favourite colour"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_upload_nobody_imported_is_gone_a_day_later(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var clock = new TestClock(Instant.FromUtc(2026, 11, 29, 9, 0));
        await using var db = database.NewContext(rep.OrganizationId);
        var imports = new WebImports(db, database.Storage, clock);
        var (old, oldPath) = await imports.SaveAsync(rep.OrganizationId, rep.Id, new MemoryStream(Encoding.UTF8.GetBytes("First Name,Last Name\nSue,Jones\n")), CancellationToken.None);
        File.SetLastWriteTimeUtc(oldPath, clock.Now.ToDateTimeUtc());

        clock.Now += Duration.FromHours(25);
        var (fresh, _) = await imports.SaveAsync(rep.OrganizationId, rep.Id, new MemoryStream("First Name\nSteve\n"u8.ToArray()), CancellationToken.None);

        File.Exists(oldPath).ShouldBeFalse();
        (await new WebImports(db, Server(database, "elsewhere"), clock).OpenAsync(old, rep.Id, CancellationToken.None)).ShouldBeNull();
        (await imports.OpenAsync(fresh, rep.Id, CancellationToken.None)).ShouldNotBeNull();
    }

    /// <summary>The same database seen by a server with its own data folder.</summary>
    private static StorageOptions Server(TestDatabase database, string name) =>
        new() { DataDirectory = Path.Combine(database.Directory, "server-" + name), Postgres = database.Storage.Postgres };
}
