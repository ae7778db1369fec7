namespace Dge.Api.GraphQL.Documents;

/// <summary>Configuration section <c>Dge:GraphQL</c>: which documents run, and the automatic persisted query store.</summary>
public sealed class TrustedDocumentsOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Unset: <see cref="TrustedDocumentsMode.Off"/> in Development and Test, <see cref="TrustedDocumentsMode.Allow"/> elsewhere.</summary>
    public TrustedDocumentsMode? TrustedDocuments { get; set; }

    /// <summary>
    /// Most characters of automatically persisted documents held in memory at once (about 8 MB by default): a client
    /// registering new documents without end pushes older ones out instead of filling the memory.
    /// </summary>
    public long PersistedQueryStoreCharacters { get; set; } = 4_000_000;
}
