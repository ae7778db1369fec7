using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Dge.Api.GraphQL.Documents;
using GraphQL;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// The parameters of a GraphQL-over-HTTP request, read from a POST body or a GET query string. The document comes as
/// text (<c>query</c>), as the id of a trusted document (<c>id</c> or <c>documentId</c>), or as an automatic persisted
/// query hash (<c>extensions.persistedQuery</c>, with or without the text); <see cref="DocumentRequest"/> says which.
/// </summary>
public sealed record GraphQLHttpRequest(DocumentRequest Document, Inputs? Variables, string? OperationName)
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

        return Create(
            OptionalString(root, "query"),
            DocumentId(OptionalString(root, "id"), OptionalString(root, "documentId")),
            OptionalObject(root, "variables"),
            OptionalString(root, "operationName"),
            OptionalObject(root, "extensions"),
            serializer);
    }

    /// <summary>
    /// Reads a GET: <c>query</c>, <c>id</c>/<c>documentId</c> and <c>operationName</c> as text, <c>variables</c> and
    /// <c>extensions</c> as JSON text.
    /// </summary>
    public static GraphQLHttpRequest ReadGet(HttpRequest request, IGraphQLSerializer serializer)
    {
        // ASP.NET Core leaves a percent-escape that is not UTF-8 undecoded, so "%FF" would otherwise reach the parser as text.
        if (!IsUtf8(request.QueryString.Value ?? string.Empty))
        {
            throw GraphQLHttpException.InvalidEncoding("query string");
        }

        var parameters = request.Query;
        return Create(
            Parameter(parameters, "query"),
            DocumentId(Parameter(parameters, "id"), Parameter(parameters, "documentId")),
            JsonObject(Parameter(parameters, "variables"), "variables"),
            Parameter(parameters, "operationName"),
            JsonObject(Parameter(parameters, "extensions"), "extensions"),
            serializer);
    }

    /// <summary>Whether a GET's parameters name a document to run, by text, id or persisted query hash.</summary>
    public static bool NamesADocument(IQueryCollection parameters) =>
        parameters.ContainsKey("query") || parameters.ContainsKey("id") || parameters.ContainsKey("documentId") || parameters.ContainsKey("extensions");

    private static GraphQLHttpRequest Create(
        string? query, string? documentId, JsonElement? variables, string? operationName, JsonElement? extensions, IGraphQLSerializer serializer)
    {
        var persistedQueryHash = PersistedQueryHash(extensions);
        if (string.IsNullOrWhiteSpace(query))
        {
            query = null;
        }

        var document = (query, documentId, persistedQueryHash) switch
        {
            (_, not null, not null) => throw GraphQLHttpException.InvalidParameter("id", "absent when 'extensions.persistedQuery' is given"),
            (not null, not null, _) => throw GraphQLHttpException.InvalidParameter("id", "absent when 'query' is given"),
            (null, null, null) => throw GraphQLHttpException.QueryMissing(),
            _ => new DocumentRequest(query, documentId, persistedQueryHash),
        };
        return new GraphQLHttpRequest(document, variables is { } map ? ReadVariables(map, serializer) : null, operationName);
    }

    private static Inputs ReadVariables(JsonElement map, IGraphQLSerializer serializer)
    {
        try
        {
            return serializer.ReadNode<Inputs>(map) ?? Inputs.Empty;
        }
        catch (JsonException)
        {
            throw GraphQLHttpException.InvalidParameter("variables", "a JSON object of variable values");
        }
    }

    /// <summary>The trusted document id, sent as <c>id</c> (HotChocolate) or <c>documentId</c> (GraphQL-over-HTTP).</summary>
    private static string? DocumentId(string? id, string? documentId) =>
        id is not null && documentId is not null ? throw GraphQLHttpException.InvalidParameter("documentId", "absent when 'id' is given") : id ?? documentId;

    /// <summary>The hash of an automatic persisted query: <c>extensions.persistedQuery = { version: 1, sha256Hash }</c>.</summary>
    private static string? PersistedQueryHash(JsonElement? extensions)
    {
        if (extensions is not { } map || !map.TryGetProperty("persistedQuery", out var persisted) || persisted.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (persisted.ValueKind != JsonValueKind.Object
            || !persisted.TryGetProperty("version", out var version)
            || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var number)
            || number != 1)
        {
            throw GraphQLHttpException.InvalidParameter("extensions.persistedQuery", "an object with version 1 and a sha256Hash");
        }

        return OptionalString(persisted, "sha256Hash") is { } hash && DocumentHash.IsHash(hash)
            ? hash
            : throw GraphQLHttpException.InvalidParameter("extensions.persistedQuery.sha256Hash", "a SHA-256 hash in 64 hexadecimal digits");
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
            int read;
            try
            {
                read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            }
            catch (BadHttpRequestException exception)
            {
                // A body shorter than its Content-Length, or badly chunked, is the client's fault, not an unhandled error.
                throw GraphQLHttpException.UnreadableBody(exception.StatusCode);
            }

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

        var value = Parse(Encoding.UTF8.GetBytes(text), $"'{name}' parameter");
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Object => value,
            _ => throw GraphQLHttpException.InvalidParameter(name, "a JSON object"),
        };
    }

    /// <summary>
    /// Parses JSON from the client, telling text that is not UTF-8 (or escapes half a UTF-16 surrogate pair, which no
    /// string can hold) and too-deep nesting apart from malformed text.
    /// </summary>
    private static JsonElement Parse(ReadOnlyMemory<byte> json, string what)
    {
        if (!Utf8.IsValid(json.Span))
        {
            throw GraphQLHttpException.InvalidEncoding(what);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception) when (exception.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphQLHttpException.TooDeep(what);
        }
        catch (JsonException)
        {
            throw GraphQLHttpException.MalformedJson(what);
        }

        try
        {
            ReadEveryString(root);
        }
        catch (InvalidOperationException)
        {
            throw GraphQLHttpException.InvalidEncoding(what);
        }

        return root;
    }

    /// <summary>Reads every string and property name once, so a lone surrogate escape (<c>"\ud800"</c>) fails here and not deep in a resolver.</summary>
    private static void ReadEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadEveryString(item);
                }

                break;
        }
    }

    /// <summary>Whether a raw query string's percent-escapes decode to UTF-8; other characters are taken as they are.</summary>
    private static bool IsUtf8(string rawQueryString)
    {
        var bytes = new byte[rawQueryString.Length];
        var count = 0;
        for (var i = 0; i < rawQueryString.Length; i++)
        {
            var c = rawQueryString[i];
            if (c == '%' && i + 2 < rawQueryString.Length && Uri.IsHexDigit(rawQueryString[i + 1]) && Uri.IsHexDigit(rawQueryString[i + 2]))
            {
                bytes[count++] = (byte)((Uri.FromHex(rawQueryString[i + 1]) << 4) | Uri.FromHex(rawQueryString[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes[count++] = (byte)c;
            }
        }

        return Utf8.IsValid(bytes.AsSpan(0, count));
    }
}
