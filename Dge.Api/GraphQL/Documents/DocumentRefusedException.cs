namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// A request whose document cannot be run as sent: unknown id or hash, a hash that does not match the text, or a
/// document that is not trusted where only trusted ones run. It is a GraphQL request error: nothing is executed.
/// </summary>
public sealed class DocumentRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Apollo's clients recognise this message and answer by sending the text along with the hash.</summary>
    public static DocumentRefusedException PersistedQueryNotFound() => new("PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");

    /// <summary>Apollo's clients recognise this message and stop sending hashes.</summary>
    public static DocumentRefusedException PersistedQueryNotSupported() =>
        new("PERSISTED_QUERY_NOT_SUPPORTED", "PersistedQueryNotSupported");

    public static DocumentRefusedException PersistedQueryNotAllowed() =>
        new("PERSISTED_QUERY_NOT_ALLOWED", "This API runs only its trusted documents: a persisted query cannot register a new document.");

    public static DocumentRefusedException HashMismatch() =>
        new("PERSISTED_QUERY_HASH_MISMATCH", "The sha256Hash in 'extensions.persistedQuery' is not the SHA-256 of the query text.");

    public static DocumentRefusedException DocumentNotFound(string id) =>
        new("DOCUMENT_NOT_FOUND", $"'{id}' is not the id of a trusted document (the id is 'sha256:' and the SHA-256 of the document's text in hex).");

    public static DocumentRefusedException IdsNotSupported() =>
        new("DOCUMENT_ID_NOT_SUPPORTED", "This API does not accept documents by id: send the document's text in 'query'.");

    public static DocumentRefusedException NotTrusted() =>
        new("DOCUMENT_NOT_TRUSTED", "This API runs only its trusted documents: send the id of one ('id': 'sha256:<hash>') instead of a document of your own.");
}
