using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// The limit an operation is measured against: the same answer produced the cheapest way this stack allows, with the fewest
/// hand-written SQL statements that can do it, run through ADO.NET on the same database file, the JSON written by
/// <see cref="Utf8JsonWriter"/>. <see cref="WriteDataAsync"/> writes the value of the response's <c>data</c> member, byte for
/// byte what the API answers for the same variables (checked before every measurement by the HTTP suite).
/// </summary>
public abstract class Baseline
{
    /// <summary>How every baseline's JSON is written: as the API writes it (non-ASCII letters such as æ, ø, å unescaped).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The operation's name: its file in <c>schema/operations/</c> without the extension.</summary>
    public abstract string Operation { get; }

    /// <summary>
    /// The variables a load run sends again and again: the example's, unless sending them twice would be refused (a mutation
    /// may then put <c>@@N@@</c> where a value must differ, and the load tool makes it unique per request).
    /// </summary>
    public virtual string RepeatableVariables(string exampleVariables) => exampleVariables;

    public abstract Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken);
}
