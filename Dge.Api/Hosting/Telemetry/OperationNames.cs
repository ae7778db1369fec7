using System.Collections.Frozen;
using Dge.Api.GraphQL.Documents;
using GraphQLParser.AST;

namespace Dge.Api.Hosting.Telemetry;

/// <summary>
/// The operation names that metrics are labelled with. A client chooses the name, so a hostile one could make a new time
/// series per request: a name that is not a GraphQL name or is longer than <see cref="MaxLength"/> is reported as
/// <see cref="Invalid"/>, and once <see cref="MaxDistinct"/> names have been seen, any new one as <see cref="Other"/>.
/// Traces and logs carry the name as sent (up to <see cref="MaxLength"/>), since each is one record, not a series.
/// The operations of the trusted documents (the examples and the admin shell's) always keep their names, so a flood of
/// invented names cannot hide the product's own operations under <see cref="Other"/>.
/// </summary>
public sealed class OperationNames(TrustedDocumentRegistry trusted)
{
    public const int MaxLength = 100;
    public const int MaxDistinct = 500;
    public const string Anonymous = "(anonymous)";
    public const string Invalid = "(invalid)";
    public const string Other = "(other)";

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private readonly FrozenSet<string> _trusted = trusted.Documents
        .SelectMany(document => GraphQLParser.Parser.Parse(document.Text).Definitions.OfType<GraphQLOperationDefinition>())
        .Select(operation => operation.Name?.StringValue)
        .OfType<string>()
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The label for <paramref name="name"/>, the operation's name or null when it has none.</summary>
    public string Label(string? name)
    {
        if (name is null)
        {
            return Anonymous;
        }

        if (!IsGraphQLName(name))
        {
            return Invalid;
        }

        if (_trusted.Contains(name))
        {
            return name;
        }

        lock (_seen)
        {
            return _seen.Contains(name) || (_seen.Count < MaxDistinct && _seen.Add(name)) ? name : Other;
        }
    }

    /// <summary>The name as traces and logs carry it: cut to <see cref="MaxLength"/> characters.</summary>
    public static string ForRecord(string? name) => name is null ? Anonymous : name.Length <= MaxLength ? name : name[..MaxLength];

    private static bool IsGraphQLName(string name) =>
        name.Length is > 0 and <= MaxLength
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
