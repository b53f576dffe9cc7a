using Microsoft.Extensions.Logging;

namespace Ringback.Data;

/// <summary>
/// EF Core's log (its warnings: a query that could not be translated well, a retry, a slow migration lock), sent to
/// the host's loggers. The context options are made once per database, before the host has built its loggers (the
/// model is built while the host is), so they carry this factory, which forwards to the host's once it is given one;
/// until then, and in a process without a host (<c>dotnet ef</c>), to the providers added to it, if any.
/// </summary>
public sealed class StorageLog : ILoggerFactory
{
    public static StorageLog Instance { get; } = new();

    private ILoggerFactory? _target;

    /// <summary>Where EF Core logs with no host: to providers added directly (the <c>dotnet ef</c> tools add their own).</summary>
    private readonly LoggerFactory _alone = new();

    private StorageLog()
    {
    }

    /// <summary>From now on EF Core logs through <paramref name="loggers"/>, filtered by their configuration (Logging:LogLevel).</summary>
    public static void SendTo(ILoggerFactory loggers) => Instance._target = loggers;

    /// <summary>The host that gave <paramref name="loggers"/> stopped: its loggers are disposed, and EF Core's log is dropped again.</summary>
    public static void Forget(ILoggerFactory loggers) => Interlocked.CompareExchange(ref Instance._target, null, loggers);

    public ILogger CreateLogger(string categoryName) => new Forwarding(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => _alone.AddProvider(provider);

    public void Dispose()
    {
    }

    private sealed class Forwarding(StorageLog log, string category) : ILogger
    {
        private (ILoggerFactory From, ILogger Logger)? _current;

        private ILogger? Target
        {
            get
            {
                var target = log._target ?? log._alone;
                if (_current is not { } current || !ReferenceEquals(current.From, target))
                {
                    try
                    {
                        current = (target, target.CreateLogger(category));
                    }
                    catch (ObjectDisposedException)
                    {
                        // A host stopping in this moment (in-process test hosts come and go): this entry is dropped.
                        return null;
                    }

                    _current = current;
                }

                return current.Logger;
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => Target?.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => Target?.IsEnabled(logLevel) == true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Target?.Log(logLevel, eventId, state, exception, formatter);
    }
}
