namespace Dge.Api.GraphQL.Http;

/// <summary>
/// A request the endpoint refuses before executing anything, with its HTTP status and a stable code that the client
/// reads in <c>errors[0].extensions.code</c>.
/// </summary>
public sealed class GraphQLHttpException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public static GraphQLHttpException TooDeep(string what) =>
        new(StatusCodes.Status400BadRequest, "JSON_TOO_DEEP", $"The {what} nests JSON deeper than {MaxJsonDepth} levels.");

    /// <summary>System.Text.Json's default nesting limit, which the request reader keeps.</summary>
    public const int MaxJsonDepth = 64;

    public static GraphQLHttpException MalformedJson(string what) =>
        new(StatusCodes.Status400BadRequest, "MALFORMED_JSON", $"The {what} is not valid JSON.");

    public static GraphQLHttpException InvalidEncoding(string what) =>
        new(StatusCodes.Status400BadRequest, "INVALID_ENCODING", $"The {what} is not valid UTF-8 text (or escapes half of a UTF-16 surrogate pair).");

    public static GraphQLHttpException UnreadableBody(int statusCode) =>
        new(statusCode, "INVALID_REQUEST_BODY", "The request body could not be read: it ended before its Content-Length, or its chunks are malformed.");

    public static GraphQLHttpException InvalidParameter(string name, string expected) =>
        new(StatusCodes.Status400BadRequest, "INVALID_REQUEST_PARAMETER", $"The '{name}' parameter must be {expected}.");

    public static GraphQLHttpException NotOneRequest() =>
        new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "The request body must be one JSON object; batches are not supported.");

    public static GraphQLHttpException QueryMissing() =>
        new(StatusCodes.Status400BadRequest, "QUERY_MISSING", "The request has no 'query' parameter: send the GraphQL document as a string in 'query', or the id of a trusted document in 'id'.");

    public static GraphQLHttpException MutationOverGet() =>
        new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Only query operations can be sent with GET; send this operation with POST.");

    public static GraphQLHttpException NotAcceptable() =>
        new(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", $"The Accept header must allow {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}.");

    /// <summary>The state is the coarse one the health endpoint shows ("starting", "database corrupt"), never a reason from the engine.</summary>
    /// <summary>What a 503 <c>NOT_READY</c> tells the client to wait (<c>Retry-After</c>): a start-up takes seconds.</summary>
    public const int NotReadyRetryAfterSeconds = 5;

    public static GraphQLHttpException NotReady(string state) =>
        new(StatusCodes.Status503ServiceUnavailable, "NOT_READY", $"The service cannot answer queries yet (state: {state}); /healthz/ready turns 200 when it can.");

    public static GraphQLHttpException BodyTooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request body is larger than {maxBytes / 1024} KB.");

    public static GraphQLHttpException UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", $"A POST body must be {GraphQLMediaTypes.Json} in UTF-8 (Content-Type: {GraphQLMediaTypes.Json}).");
}
