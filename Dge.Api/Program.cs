using Dge.Api.Access;
using Dge.Api.Backup;
using Dge.Api.Composition;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Http;
using Dge.Api.Hosting;
using Dge.Api.Views;

if (MigrationsCommand.TryRun(args))
{
    return;
}

if (await BackupCommands.TryRunAsync(args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDgeThreadPool();
builder.AddDgeData();
builder.AddDgeBackup();
builder.AddDgeAccess();
builder.AddDgeGraphQL(DgeAreas.All);
builder.AddDgeTrustedDocuments();
builder.AddDgeViews();
builder.AddDgeAdmin();
builder.AddDgeSecurityHeaders();
builder.AddDgeCors();
builder.AddDgeRateLimiting();

var app = builder.Build();
app.UseDgeSecurityHeaders();
app.UseDgeAdminStatusPages();
app.UseDgeCors();
app.UseDgeAuthentication();
app.UseDgeRateLimiting();
app.UseDgeAccess();
app.MapDgeHealth();
app.MapDgeAccount();
app.MapDgeReports();
app.MapDgeGraphQL();
app.MapDgeAdmin();
app.LogDgeAddresses();
await app.RunAsync();

/// <summary>Entry point, public so the tests' WebApplicationFactory can host the same app.</summary>
public partial class Program;
