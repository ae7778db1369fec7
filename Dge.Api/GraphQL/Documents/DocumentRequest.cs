namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// How a request names its document: its text (<see cref="Query"/>), the id of a trusted document
/// (<see cref="DocumentId"/>), or an automatic persisted query hash (<see cref="PersistedQueryHash"/>, with or
/// without the text). At least one is set; an id never comes with text or a hash.
/// </summary>
public sealed record DocumentRequest(string? Query, string? DocumentId = null, string? PersistedQueryHash = null);
