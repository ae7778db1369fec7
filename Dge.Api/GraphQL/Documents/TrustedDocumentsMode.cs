namespace Dge.Api.GraphQL.Documents;

/// <summary>Which documents the API runs: <c>Dge:GraphQL:TrustedDocuments</c>.</summary>
public enum TrustedDocumentsMode
{
    /// <summary>Any document, sent as text; ids and automatic persisted queries are not supported.</summary>
    Off,

    /// <summary>Any document, as text, by the id of a trusted document, or as an automatic persisted query.</summary>
    Allow,

    /// <summary>Only the trusted documents, by id, by hash or as their exact text.</summary>
    Only,
}
