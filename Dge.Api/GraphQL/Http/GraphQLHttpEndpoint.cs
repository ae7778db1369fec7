using System.Net.Mime;
using Dge.Api.Data;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Exposure;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Mutations;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// <c>/graphql</c> per the GraphQL-over-HTTP spec: POST <c>application/json</c> and GET with query parameters, answered as
/// <c>application/graphql-response+json</c> or <c>application/json</c> as the Accept header asks. A GET without a query
/// serves the SDL (<c>?sdl</c>), sends browsers to the IDE at <c>/graphql/</c>, or is a 400. The document comes as text,
/// by the id of a trusted document or as an automatic persisted query, as <see cref="DocumentResolver"/> allows.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLRunner runner,
    IGraphQLSerializer serializer,
    ISchema schema,
    GraphQLIde ide,
    DatabaseReadiness readiness,
    IntrospectionPolicy introspection,
    DocumentResolver documents)
{
    public const string Path = "/graphql";

    private readonly Lazy<string> sdl = new(() => SchemaSdl.Print(schema));

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var accept = request.GetTypedHeaders().Accept;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet && !GraphQLHttpRequest.NamesADocument(request.Query) && await TryServeWithoutQueryAsync(context, GraphQLMediaTypes.AcceptsHtml(accept)))
        {
            return;
        }

        // The response varies with Accept, so shared caches must key GET responses on it (added to CORS' Vary: Origin).
        context.Response.Headers.Append("Vary", "Accept");
        var mediaType = GraphQLMediaTypes.Negotiate(accept);
        try
        {
            if (mediaType is null)
            {
                throw GraphQLHttpException.NotAcceptable();
            }

            var cancellationToken = context.RequestAborted;
            var graphQLRequest = isGet
                ? GraphQLHttpRequest.ReadGet(request, serializer)
                : await GraphQLHttpRequest.ReadPostAsync(request, serializer, cancellationToken);
            var query = documents.Resolve(graphQLRequest.Document);
            if (isGet && SelectsNonQueryOperation(query, graphQLRequest.OperationName))
            {
                throw GraphQLHttpException.MutationOverGet();
            }

            // Until the start-up migration and seed are done, the tables may not exist yet.
            if (!readiness.IsReady)
            {
                throw GraphQLHttpException.NotReady(readiness.State);
            }

            var result = await runner.ExecuteAsync(
                query, graphQLRequest.Variables, graphQLRequest.OperationName, context.User, context.RequestServices, cancellationToken);
            if (result.Executed)
            {
                documents.Accepted(graphQLRequest.Document, query);
            }

            // graphql-response+json tells "nothing ran" (parse, validation, variable errors) by status; application/json
            // clients only read the body, so any well-formed request there is a 200.
            var status = result.Executed || mediaType == GraphQLMediaTypes.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

            // The expensive slots are full, or the database stayed locked: the server, not the request, is the problem,
            // and a retry later may pass. Not when an earlier mutation of the document committed before a later one found
            // the database busy: a 503 would invite sending them all again.
            if (LimitError.IsServerBusy(result) && context.RequestServices.GetRequiredService<RequestCommits>().Count == 0)
            {
                status = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = LimitError.BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, status, mediaType, result);
        }
        catch (GraphQLHttpException refused)
        {
            if (refused.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                context.Response.Headers.Allow = HttpMethods.Post;
            }

            if (refused.StatusCode == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = GraphQLHttpException.NotReadyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteErrorAsync(context, refused.StatusCode, mediaType ?? GraphQLMediaTypes.Json, refused.Code, refused.Message);
        }
        catch (DocumentRefusedException refused)
        {
            // Like a validation error, a refused document is a request error: nothing ran.
            var status = mediaType == GraphQLMediaTypes.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            await WriteErrorAsync(context, status, mediaType ?? GraphQLMediaTypes.Json, refused.Code, refused.Message);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a reset connection surfaces as an IOException): there is no one to answer.
        }
    }

    /// <summary><c>/graphql/</c> is the IDE, <c>?sdl</c> the schema, and a browser on <c>/graphql</c> goes to the IDE.</summary>
    private async Task<bool> TryServeWithoutQueryAsync(HttpContext context, bool acceptsHtml)
    {
        var request = context.Request;
        if (request.Path.Value?.EndsWith('/') == true)
        {
            await ide.WriteIndexAsync(context);
            return true;
        }

        if (request.Query.ContainsKey("sdl"))
        {
            if (!introspection.Allows(context.User))
            {
                await WriteAsync(context, StatusCodes.Status403Forbidden, GraphQLMediaTypes.Json, introspection.Refusal());
                return true;
            }

            context.Response.ContentType = $"{MediaTypeNames.Text.Plain}; charset=utf-8";
            await context.Response.WriteAsync(sdl.Value, context.RequestAborted);
            return true;
        }

        if (acceptsHtml && ide.IsServed)
        {
            context.Response.Redirect($"{request.PathBase}{Path}/");
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether the operation a GET would run is a mutation (or subscription), which GET must never run. A document that
    /// does not parse, or names no single operation, is left to the executer, which reports it as usual.
    /// </summary>
    private static bool SelectsNonQueryOperation(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            return false;
        }

        return DocumentParts.Operation(document, operationName) is { Operation: not OperationType.Query };
    }

    private Task WriteErrorAsync(HttpContext context, int status, string mediaType, string code, string message)
    {
        return WriteAsync(context, status, mediaType, ErrorResults.Of(code, message));
    }

    private async Task WriteAsync(HttpContext context, int status, string mediaType, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
