using Dge.Api.Data.CompiledModel;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data;

/// <summary>The model the host's SQLite contexts use: compiled to code by <see cref="CompiledModelCommand"/>, so no start pays for building it.</summary>
public static class DgeModel
{
    public const string CompiledModelFolder = "Data/CompiledModel";

    public const string CompiledModelNamespace = "Dge.Api.Data.CompiledModel";

    /// <summary>Uses the compiled SQLite model; the model built from the configuration is the same (<c>CompiledModelTests</c>).</summary>
    public static TBuilder UseCompiledModel<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseModel(DgeDbContextModel.Instance);
        return options;
    }
}
