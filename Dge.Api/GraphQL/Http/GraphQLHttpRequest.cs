using System.Buffers;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// The parameters of a GraphQL-over-HTTP request, read from a POST body or a GET query string.
/// <c>extensions</c> is checked for shape and otherwise ignored: no extension is supported yet.
/// </summary>
public sealed record GraphQLHttpRequest(string Query, Inputs? Variables, string? OperationName)
{
    /// <summary>Largest POST body accepted; the biggest documented operation is a few KB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Reads a POST: <c>application/json</c> (UTF-8) holding one request object.</summary>
    public static async Task<GraphQLHttpRequest> ReadPostAsync(HttpRequest request, IGraphQLSerializer serializer, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw GraphQLHttpException.UnsupportedMediaType();
        }

        var root = Parse(await ReadBodyAsync(request, cancellationToken), "request body");
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GraphQLHttpException.NotOneRequest();
        }

        var query = OptionalString(root, "query");
        var operationName = OptionalString(root, "operationName");
        var variables = OptionalObject(root, "variables");
        OptionalObject(root, "extensions");
        return Create(query, variables, operationName, serializer);
    }

    /// <summary>Reads a GET: <c>query</c> and <c>operationName</c> as text, <c>variables</c> and <c>extensions</c> as JSON text.</summary>
    public static GraphQLHttpRequest ReadGet(IQueryCollection parameters, IGraphQLSerializer serializer)
    {
        var query = Parameter(parameters, "query");
        var operationName = Parameter(parameters, "operationName");
        var variables = JsonObject(Parameter(parameters, "variables"), "variables");
        JsonObject(Parameter(parameters, "extensions"), "extensions");
        return Create(query, variables, operationName, serializer);
    }

    private static GraphQLHttpRequest Create(string? query, JsonElement? variables, string? operationName, IGraphQLSerializer serializer)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw GraphQLHttpException.QueryMissing();
        }

        return new GraphQLHttpRequest(query, variables is { } map ? serializer.ReadNode<Inputs>(map) : null, operationName);
    }

    /// <summary>Buffers the body up to <see cref="MaxBodyBytes"/>, whatever Content-Length says, so an oversized body costs no more than that.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw GraphQLHttpException.BodyTooLarge(MaxBodyBytes);
        }

        var buffer = new ArrayBufferWriter<byte>((int)(request.ContentLength ?? 4096) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                throw GraphQLHttpException.BodyTooLarge(MaxBodyBytes);
            }
        }
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw GraphQLHttpException.InvalidParameter(name, "a string");
    }

    private static JsonElement? OptionalObject(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw GraphQLHttpException.InvalidParameter(name, "a JSON object");
    }

    /// <summary>One value of a query-string parameter; an empty one (as HTML forms send) counts as absent.</summary>
    private static string? Parameter(IQueryCollection parameters, string name)
    {
        var values = parameters.TryGetValue(name, out var found) ? found : StringValues.Empty;
        if (values.Count > 1)
        {
            throw GraphQLHttpException.InvalidParameter(name, "given once");
        }

        return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
    }

    private static JsonElement? JsonObject(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        var value = Parse(System.Text.Encoding.UTF8.GetBytes(text), $"'{name}' parameter");
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Object => value,
            _ => throw GraphQLHttpException.InvalidParameter(name, "a JSON object"),
        };
    }

    /// <summary>Parses JSON from the client, telling too-deep nesting apart from malformed text.</summary>
    private static JsonElement Parse(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException exception) when (exception.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphQLHttpException.TooDeep(what);
        }
        catch (JsonException)
        {
            throw GraphQLHttpException.MalformedJson(what);
        }
    }
}
