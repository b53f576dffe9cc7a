using Ringback.Cli;

return await CliApp.RunAsync(args);

/// <summary>The entry point; public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
