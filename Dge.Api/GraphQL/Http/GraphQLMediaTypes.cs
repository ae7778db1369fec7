using Microsoft.Net.Http.Headers;

namespace Dge.Api.GraphQL.Http;

/// <summary>The media types of the GraphQL-over-HTTP spec and the choice of response type from a request's Accept header.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for <paramref name="accept"/>, or null when it allows neither (406).
    /// <c>application/graphql-response+json</c> only when the client names it (and prefers it at least as much as
    /// <c>application/json</c>); a missing header, <c>*/*</c> or <c>application/*</c> get <c>application/json</c>,
    /// as the spec asks of servers for clients that predate the new type.
    /// </summary>
    public static string? Negotiate(IList<MediaTypeHeaderValue> accept)
    {
        if (accept.Count == 0)
        {
            return Json;
        }

        var graphQLResponse = Quality(accept, GraphQLResponse, out var namesGraphQLResponse);
        var json = Quality(accept, Json, out _);
        if (namesGraphQLResponse && graphQLResponse > 0 && graphQLResponse >= json)
        {
            return GraphQLResponse;
        }

        if (json > 0)
        {
            return Json;
        }

        return graphQLResponse > 0 ? GraphQLResponse : null;
    }

    /// <summary>Whether a browser navigated here: it asks for HTML, which no GraphQL client does.</summary>
    public static bool AcceptsHtml(IList<MediaTypeHeaderValue> accept) =>
        accept.Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (range.Quality ?? 1) > 0);

    /// <summary>
    /// The quality the client gives <paramref name="mediaType"/>: that of the most specific range matching it
    /// (exact, then <c>type/*</c>, then <c>*/*</c>), per RFC 9110 §12.5.1; 0 when nothing matches.
    /// </summary>
    private static double Quality(IList<MediaTypeHeaderValue> accept, string mediaType, out bool named)
    {
        var best = accept
            .Select(range => (Range: range, Specificity: Specificity(range, mediaType)))
            .Where(match => match.Specificity >= 0)
            .OrderByDescending(match => match.Specificity)
            .FirstOrDefault();
        named = best.Specificity == 2;
        return best.Range is null ? 0 : best.Range.Quality ?? 1;
    }

    /// <summary>2 for an exact match, 1 for <c>type/*</c>, 0 for <c>*/*</c>, -1 for none; parameters such as charset do not matter.</summary>
    private static int Specificity(MediaTypeHeaderValue range, string mediaType)
    {
        if (range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        if (range.MatchesAllTypes)
        {
            return 0;
        }

        return range.MatchesAllSubTypes && mediaType.StartsWith($"{range.Type}/", StringComparison.OrdinalIgnoreCase) ? 1 : -1;
    }
}
