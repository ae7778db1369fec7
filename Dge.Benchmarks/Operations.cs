using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dge.Benchmarks;

/// <summary>What a request is for the load mix: a list or detail read, a view, or a mutation.</summary>
public enum OperationKind
{
    Read,
    View,
    Mutation,
}

/// <summary>One operation of the suite: a document from <c>schema/operations/</c> with its example variables.</summary>
public sealed record Operation(string Name, string Document, string VariablesJson, OperationKind Kind)
{
    /// <summary>The operation's name in its document, which a client sends as <c>operationName</c>; null for an anonymous operation.</summary>
    public string? OperationName =>
        Document.Contains("query " + Name, StringComparison.Ordinal) || Document.Contains("mutation " + Name, StringComparison.Ordinal) ? Name : null;

    /// <summary>The GraphQL-over-HTTP request body, as a client sends it (with other variables if given).</summary>
    public string RequestBody(string? variablesJson = null)
    {
        var body = new JsonObject
        {
            ["query"] = Document,
            ["operationName"] = OperationName,
            ["variables"] = JsonNode.Parse(variablesJson ?? VariablesJson),
        };
        return body.ToJsonString();
    }
}

/// <summary>The suite's operations: every example in <c>schema/operations/</c>, and the bare <c>{ __typename }</c>.</summary>
public static class Operations
{
    public const string Typename = "Typename";

    private static readonly HashSet<string> Views =
    [
        "AdvisorWorkload", "AnnualReport", "ClusterAlignmentLowestInRegion", "CoverageByScope", "NynedsatteGroupSuggestions", "ReformImpact", "RegionCoverage",
    ];

    public static IReadOnlyList<Operation> All { get; } = Load();

    public static Operation Named(string name) =>
        All.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"No operation is named {name}; the operations are {string.Join(", ", All.Select(o => o.Name))}.", nameof(name));

    /// <summary>The repository's root: the folder above the running assembly that holds the solution.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DgeGraph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No DgeGraph.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository.");
    }

    private static List<Operation> Load()
    {
        var folder = Path.Combine(RepositoryRoot(), "schema", "operations");
        var operations = new List<Operation> { new(Typename, "{ __typename }", "{}", OperationKind.Read) };
        foreach (var file in Directory.GetFiles(folder, "*.graphql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var document = File.ReadAllText(file);
            var variablesFile = Path.ChangeExtension(file, ".variables.json");
            var variables = File.Exists(variablesFile) ? File.ReadAllText(variablesFile) : "{}";
            using var parsed = JsonDocument.Parse(variables);
            var kind = document.TrimStart().Split('\n').Any(l => l.StartsWith("mutation ", StringComparison.Ordinal)) ? OperationKind.Mutation
                : Views.Contains(name) ? OperationKind.View
                : OperationKind.Read;
            operations.Add(new Operation(name, document, variables, kind));
        }

        return operations;
    }
}
