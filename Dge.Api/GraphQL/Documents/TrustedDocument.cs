namespace Dge.Api.GraphQL.Documents;

/// <summary>A document registered at build time: its file name without extension, its text and its hash.</summary>
public sealed record TrustedDocument(string Name, string Text, string Hash);
