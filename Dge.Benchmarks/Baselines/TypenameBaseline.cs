using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary><c>{ __typename }</c>: the bare request, no database.</summary>
public sealed class TypenameBaseline : Baseline
{
    public override string Operation => Operations.Typename;

    public override Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("__typename", "Query");
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
