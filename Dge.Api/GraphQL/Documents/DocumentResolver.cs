namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// Turns the way a request names its document into the document's text, as <see cref="TrustedDocumentsMode"/> allows:
/// for the HTTP endpoint and the admin shell's in-process client alike.
/// </summary>
public sealed class DocumentResolver(TrustedDocumentsMode mode, TrustedDocumentRegistry registry, PersistedQueryStore store)
{
    /// <summary>The text to run, or a <see cref="DocumentRefusedException"/> saying why there is none.</summary>
    public string Resolve(DocumentRequest request)
    {
        if (request.DocumentId is { } id)
        {
            return mode == TrustedDocumentsMode.Off
                ? throw DocumentRefusedException.IdsNotSupported()
                : DocumentHash.FromId(id) is { } hash && registry.Find(hash) is { } trusted
                    ? trusted.Text
                    : throw DocumentRefusedException.DocumentNotFound(id);
        }

        if (request.PersistedQueryHash is { } persistedHash)
        {
            return mode == TrustedDocumentsMode.Off
                ? throw DocumentRefusedException.PersistedQueryNotSupported()
                : PersistedQuery(persistedHash.ToLowerInvariant(), request.Query);
        }

        var query = request.Query ?? throw new ArgumentException("A document request names its document.", nameof(request));
        return mode == TrustedDocumentsMode.Only && registry.Find(DocumentHash.Of(query)) is null
            ? throw DocumentRefusedException.NotTrusted()
            : query;
    }

    /// <summary>Apollo's protocol: the hash alone runs a known document; the hash and the text register it first.</summary>
    private string PersistedQuery(string hash, string? query)
    {
        if (query is null)
        {
            return registry.Find(hash)?.Text
                ?? (mode == TrustedDocumentsMode.Allow ? store.Find(hash) : null)
                ?? throw DocumentRefusedException.PersistedQueryNotFound();
        }

        if (DocumentHash.Of(query) != hash)
        {
            throw DocumentRefusedException.HashMismatch();
        }

        return registry.Find(hash) is null && mode == TrustedDocumentsMode.Only
            ? throw DocumentRefusedException.PersistedQueryNotAllowed()
            : query;
    }

    /// <summary>
    /// Keeps a persisted query the client registered, once its document has passed the limits and validation and run:
    /// a document refused before running is never stored, so hostile documents cannot crowd out the good ones.
    /// </summary>
    public void Accepted(DocumentRequest request, string query)
    {
        if (request is { PersistedQueryHash: { } hash, Query: not null } && mode == TrustedDocumentsMode.Allow && registry.Find(hash.ToLowerInvariant()) is null)
        {
            store.Add(hash.ToLowerInvariant(), query);
        }
    }
}
