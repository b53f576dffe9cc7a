using System.Diagnostics;

namespace Ringback.Tests.Infrastructure;

/// <summary>Waits for a condition that another process or task makes true, with a deadline that names what it waited for.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? limit = null)
    {
        var deadline = limit ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"waited {deadline.TotalSeconds:0} s for: {what()}");
    }
}
