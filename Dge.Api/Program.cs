using Dge.Api.Backup;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.Hosting;

if (MigrationsCommand.TryRun(args) || CompiledModelCommand.TryRun(args))
{
    return;
}

if ((await BackupCommands.TryRunAsync(args) ?? await MigrateCommand.TryRunAsync(args)) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

var app = DgeApplication.Build(DgeApplication.CreateBuilder(args));
await app.RunAsync();

/// <summary>Entry point, public so the tests' WebApplicationFactory can host the same app.</summary>
public partial class Program;
