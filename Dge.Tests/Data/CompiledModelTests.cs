using System.Text.RegularExpressions;
using Dge.Api.Data;
using Dge.Api.Data.CompiledModel;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Data;

public sealed partial class CompiledModelTests
{
    [Fact]
    public void CompiledModel_IsWhatModelCompileWritesFromTheConfiguration()
    {
        var committed = Path.Combine(RepositoryPaths.Root, "Dge.Api", DgeModel.CompiledModelFolder);
        var written = Directory.CreateTempSubdirectory("dge-compiled-model-");
        try
        {
            var files = CompiledModelCommand.Write(written.FullName);

            var names = files.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Directory.GetFiles(committed, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal), names);
            foreach (var file in files)
            {
                Assert.True(
                    WithoutModelId(File.ReadAllText(file)) == WithoutModelId(File.ReadAllText(Path.Combine(committed, Path.GetFileName(file)))),
                    $"{Path.GetFileName(file)} differs from what the configuration gives: run `dotnet run --project Dge.Api -- model compile`.");
            }
        }
        finally
        {
            written.Delete(recursive: true);
        }
    }

    // Each writing gives the model a new random id, which means nothing for the comparison.
    private static string WithoutModelId(string code) => ModelId().Replace(code, "modelId: new Guid()");

    [GeneratedRegex(@"modelId: new Guid\(""[0-9a-f-]{36}""\)")]
    private static partial Regex ModelId();

    [Fact]
    public async Task HostContexts_UseTheCompiledModel()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        await using var factory = new DgeAppFactory(path);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();

        Assert.Same(DgeDbContextModel.Instance, db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
    }
}
