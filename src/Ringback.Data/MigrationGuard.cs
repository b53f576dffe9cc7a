namespace Ringback.Data;

/// <summary>
/// An exclusive lock on a file, held by one process at a time and released by the operating system when the
/// process ends, however it ends. .NET takes it with <c>flock</c> on Linux and macOS (and a share lock on
/// Windows) when a file is opened with <see cref="FileShare.None"/>.
/// </summary>
public sealed class MigrationGuard : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly FileStream _file;

    private MigrationGuard(FileStream file) => _file = file;

    /// <summary>Waits until no other live process holds the lock, then holds it.</summary>
    public static async Task<MigrationGuard> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new MigrationGuard(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // Another live process is migrating; it will finish or die, and either way the lock comes free.
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
