using System.Collections.Concurrent;
using Dge.Api.GraphQL.Exposure;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// Documents that have been parsed, measured against the document limits and validated once, by their text: a client
/// sends the same few documents again and again, so the next request skips the parse, the limits and the schema rules.
/// What depends on the request still runs every time: the variables are coerced, the cost is computed from them, and the
/// rules GraphQL.NET marks for cached documents run (the introspection policy, which depends on the caller, on a document
/// that asks for <c>__schema</c> or <c>__type</c>; on any other it has nothing to find, and leaving it out spares a walk of the
/// whole document with the schema's types on every request). A document
/// is kept only after it passed validation and ran. The store is bounded by <see cref="MaxCharacters"/> of document text;
/// when a new document does not fit, the store is emptied and starts over, so a flood of distinct documents costs memory
/// only up to the bound and the documents in real use come back at once.
/// </summary>
public sealed class ValidatedDocuments : IConfigureExecution
{
    /// <summary>About 8 MB of parsed documents at most.</summary>
    public const int MaxCharacters = 1_000_000;

    private readonly ConcurrentDictionary<string, Kept> _documents = new(StringComparer.Ordinal);
    private int _characters;

    /// <summary>After the exposure rules (0) and the options' configuration, before execution.</summary>
    public float SortOrder => 200;

    /// <summary>The validated document with this text, if one is kept.</summary>
    public GraphQLDocument? Find(string query) => _documents.GetValueOrDefault(query)?.Document;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query || options.Document is not { } document)
        {
            return await next(options);
        }

        var known = _documents.TryGetValue(query, out var kept) && ReferenceEquals(kept.Document, document);
        if (known)
        {
            options.ValidationRules = RulesFor(kept!, options.CachedDocumentValidationRules);
        }

        var result = await next(options);
        if (!known && result.Executed && query.Length <= MaxCharacters)
        {
            Keep(query, document);
        }

        return result;
    }

    /// <summary>The rules a kept document still needs: those for cached documents, without the introspection policy unless it introspects.</summary>
    private static IEnumerable<IValidationRule> RulesFor(Kept kept, IEnumerable<IValidationRule>? cachedRules)
    {
        var rules = cachedRules ?? [];
        return kept.Introspects ? rules : rules.Where(rule => rule is not IntrospectionPolicy).ToList();
    }

    private void Keep(string query, GraphQLDocument document)
    {
        if (Interlocked.Add(ref _characters, query.Length) > MaxCharacters)
        {
            _documents.Clear();
            Interlocked.Exchange(ref _characters, query.Length);
        }

        if (!_documents.TryAdd(query, new Kept(document, IntrospectionPolicy.Introspects(document))))
        {
            Interlocked.Add(ref _characters, -query.Length);
        }
    }

    /// <summary>A validated document, and whether it asks for the schema (<see cref="IntrospectionPolicy.Introspects"/>).</summary>
    private sealed record Kept(GraphQLDocument Document, bool Introspects);
}
