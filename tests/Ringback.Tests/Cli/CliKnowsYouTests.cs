using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Cli;

/// <summary>The command line knows who you are: the user remembered, a contact by name, a promise as said, a mistake in a line.</summary>
[Trait("Tier", "Process")]
public class CliKnowsYouTests
{
    [Fact]
    public async Task A_rep_works_from_the_terminal_without_saying_who_they_are_each_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        // README's example, as written: no terminal to ask for a password, so a user of the API with a token.
        var api = await ringback.RunAsync("user", "add", "--email", "api@abc.example", "--name", "Api User", "--phone", "901-555-2120", "--time-zone", "America/Chicago", "--token");
        api.ExitCode.ShouldBe(0, api.Error);
        api.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim().ShouldStartWith("rb_");
        var freda = await ringback.RunWithInputAsync("correct horse battery staple", "user", "add", "--email", "freda@abc.example", "--name", "Freda Whitehouse",
            "--phone", "901-555-2120", "--time-zone", "America/Chicago", "--password-stdin");
        freda.ExitCode.ShouldBe(0, freda.Error);

        var csv = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(csv, "First Name,Last Name,Phone Number,Company Name\nSue,Jones,(212) 555-0147,XYZ Company\nSam,Jones,(212) 555-0148,ABC Freight\n");

        // Two users: without --as or RINGBACK_USER the command asks which, in one line.
        var which = await ringback.RunAsync("import", "contacts", csv);
        which.ExitCode.ShouldBe(1);
        which.Error.ShouldContain("RINGBACK_USER");
        ringback.Environment["RINGBACK_USER"] = "freda@abc.example";
        (await ringback.RunAsync("import", "contacts", csv)).ExitCode.ShouldBe(0);

        var two = await ringback.RunAsync("log-call", "--contact", "Jones", "--outcome", "no-answer");
        two.ExitCode.ShouldBe(1);
        two.Error.ShouldContain("2 contacts match 'Jones'");
        two.Error.ShouldContain("Sue Jones, XYZ Company");
        two.Error.ShouldContain("Sam Jones, ABC Freight");

        var logged = await ringback.RunAsync("log-call", "--contact", "Sue Jones", "--outcome", "voicemail-left", "--strategy", "vague",
            "--message", "Hi Sue, this is Freda Whitehouse at 901-555-2120. I'll call you Tuesday at 10. 901-555-2120.", "--promise", "Tue 10am");
        logged.ExitCode.ShouldBe(0, logged.Error);
        logged.Out.ShouldContain("with Sue Jones");
        (await ringback.RunAsync("log-call", "--contact", "Sue Jones", "--outcome", "busy", "--promise", "next full moon")).Error
            .ShouldContain("--promise: 'next full moon' is not a time like \"tomorrow 8:15\"");

        // The call corrected, deleted and restored from the terminal.
        var id = System.Text.RegularExpressions.Regex.Match(logged.Out, @"\(([0-9a-f-]{36})\)").Groups[1].Value;
        var corrected = await ringback.RunAsync("call", "correct", id, "--notes", "Assistant says she is out until Tuesday", "--promise", "tomorrow 8:15");
        corrected.ExitCode.ShouldBe(0, corrected.Error);
        (await ringback.RunAsync("call", "delete", id)).Out.ShouldContain($"ringback call restore {id}");
        (await ringback.RunAsync("call", "restore", id)).ExitCode.ShouldBe(0);
        (await ringback.RunAsync("call", "delete", Guid.NewGuid().ToString())).Error.ShouldContain("no call");

        (await ringback.RunAsync("today")).ExitCode.ShouldBe(0);

        // The coach takes the name and number from the profile.
        var coached = await ringback.RunWithInputAsync("Hi Sue, this is Freda Whitehouse at 901-555-2120. I'll call Tuesday at 10. Again, 901-555-2120.", "coach", "--strategy", "vague");
        coached.ExitCode.ShouldBe(0, coached.Error);
        coached.Out.ShouldContain("Say your number (901) 555-2120");
        coached.Out.ShouldContain("No findings");

        // A mistake on the command line is one line and where to read more, not a page of help.
        var typo = await ringback.RunAsync("log-call", "--contact", "Sue Jones");
        typo.ExitCode.ShouldBe(2);
        typo.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(3);
        typo.Error.ShouldContain("--outcome");
        typo.Error.ShouldContain("See: ringback log-call --help");
        typo.Out.ShouldNotContain("Usage");
    }
}
