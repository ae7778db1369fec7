using System.Reflection;
using Dge.Admin.Client;

namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// The trusted documents: the example operations of <c>schema/operations</c> and the admin shell's operations, embedded
/// into the assemblies at build time under <see cref="AdminOperations.ResourcePrefix"/>. The set is fixed by the build; only the hashes
/// are computed, once, at start-up.
/// </summary>
public sealed class TrustedDocumentRegistry
{
    private readonly Dictionary<string, TrustedDocument> byHash;

    public TrustedDocumentRegistry()
    {
        Documents = new[] { typeof(TrustedDocumentRegistry).Assembly, typeof(AdminOperations).Assembly }
            .SelectMany(Read)
            .OrderBy(document => document.Name, StringComparer.Ordinal)
            .ToList();
        // Two files with the same text are one document: the first by name answers for both.
        byHash = Documents.DistinctBy(document => document.Hash).ToDictionary(document => document.Hash);
    }

    public IReadOnlyList<TrustedDocument> Documents { get; }

    public TrustedDocument? Find(string hash) => byHash.GetValueOrDefault(hash);

    private static IEnumerable<TrustedDocument> Read(Assembly assembly)
    {
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(AdminOperations.ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            yield return new TrustedDocument(Path.GetFileNameWithoutExtension(resource[AdminOperations.ResourcePrefix.Length..]), text, DocumentHash.Of(text));
        }
    }
}
