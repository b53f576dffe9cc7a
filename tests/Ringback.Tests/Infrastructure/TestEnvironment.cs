namespace Ringback.Tests.Infrastructure;

/// <summary>
/// What the machine offers the tests. A real PostgreSQL server is named by RINGBACK_TEST_POSTGRES (an admin
/// connection string; .ci/start-postgres prints one). Without it the PostgreSQL half of every storage test is
/// skipped with the reason, unless RINGBACK_REQUIRE_POSTGRES=1, as in CI, where a missing server fails the run.
/// </summary>
public static class TestEnvironment
{
    /// <summary>
    /// The real clock, for the tests that drive a real <c>ringback</c> process or the command line, which keep the real
    /// time; every other test runs on the host's <see cref="NodaTime.Testing.FakeClock"/>.
    /// </summary>
#pragma warning disable RS0030
    public static NodaTime.IClock WallClock => NodaTime.SystemClock.Instance;
#pragma warning restore RS0030

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("RINGBACK_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool RequirePostgres => Environment.GetEnvironmentVariable("RINGBACK_REQUIRE_POSTGRES") == "1";

    /// <summary>RINGBACK_REQUIRE_TOOLS=1 makes missing Debian tools (python3-phonenumbers, chromium) fail tests instead of skipping them.</summary>
    public static bool RequireTools => Environment.GetEnvironmentVariable("RINGBACK_REQUIRE_TOOLS") == "1";

    public static string PostgresConnectionOrSkip()
    {
        if (PostgresAdmin is { } admin)
        {
            return admin;
        }

        const string why = "PostgreSQL tests skipped: RINGBACK_TEST_POSTGRES is not set (run .ci/start-postgres and export what it prints).";
        if (RequirePostgres)
        {
            Assert.Fail("RINGBACK_REQUIRE_POSTGRES=1 but " + why);
        }

        Assert.Skip(why);
        return null!;
    }

    /// <summary>Whether a program is on the PATH, as the app itself would find it.</summary>
    public static bool HasProgram(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    /// <summary>Skips (or, when tools are required, fails) a test that needs a tool this machine lacks.</summary>
    public static void RequireTool(bool present, string why)
    {
        if (present)
        {
            return;
        }

        if (RequireTools)
        {
            Assert.Fail("RINGBACK_REQUIRE_TOOLS=1 but " + why);
        }

        Assert.Skip(why);
    }
}
