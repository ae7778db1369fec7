using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;

namespace Dge.Api.Data;

/// <summary>
/// <c>dotnet run --project Dge.Api -- model compile</c>: writes the model, as SQLite sees it, as code into
/// Data/CompiledModel. The host loads that model (<see cref="DgeModel.UseCompiledModel"/>) instead of building it from
/// the configuration at start-up, which took about a second of every cold start. Run it after every change to the model,
/// beside <c>migrations add</c>: <c>CompiledModelTests</c> fails while the written model is not what this command writes.
/// </summary>
internal static class CompiledModelCommand
{
    public static bool TryRun(string[] args)
    {
        if (args is not ["model", "compile"])
        {
            return false;
        }

        var output = Path.Combine(MigrationsCommand.FindProjectDirectory(), DgeModel.CompiledModelFolder);
        foreach (var old in Directory.Exists(output) ? Directory.GetFiles(output, "*.cs") : [])
        {
            File.Delete(old);
        }

        var files = Write(output);
        Console.WriteLine($"Wrote {files.Count} files to {output}.");
        return true;
    }

    /// <summary>Writes the compiled model into <paramref name="output"/> and returns the files' paths.</summary>
    public static IReadOnlyList<string> Write(string output)
    {
        using var db = DgeDbContext.ModelOnly();
        using var provider = MigrationsCommand.DesignTimeServices(db);
        var files = provider.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
            db.GetService<IDesignTimeModel>().Model,
            output,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(DgeDbContext),
                ModelNamespace = DgeModel.CompiledModelNamespace,
                Language = "C#",
                UseNullableReferenceTypes = true,
            });

        // The scaffolder also writes an assembly attribute that makes EF use the model for every DgeDbContext, whatever
        // its provider. The host chooses it explicitly, for SQLite only, so the attribute is not kept.
        var attributes = files.Single(f => f.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal));
        File.Delete(attributes);
        return [.. files.Where(f => f != attributes)];
    }
}
