using GraphQL;
using GraphQL.DI;

namespace Dge.Api.GraphQL.Exposure;

public static class GraphQLExposureExtensions
{
    /// <summary>
    /// Introspection access, validation suggestions and the IDE switch from <see cref="GraphQLExposureOptions"/>, and the
    /// HTTP request's principal as every operation's <see cref="ExecutionOptions.User"/> (the admin shell's in-process
    /// operations run within a request too), which the introspection rule reads; and the kept introspection answers
    /// (<see cref="SchemaAnswers"/>).
    /// </summary>
    public static IGraphQLBuilder AddDgeExposure(this IGraphQLBuilder graphQL, WebApplicationBuilder builder)
    {
        var options = GraphQLExposureOptions.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SchemaAnswers>();
        return graphQL
            .ConfigureExecutionOptions(execution =>
                execution.User ??= execution.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext?.User)
            // Cached documents too: a cached introspection query must be refused like a new one.
            .AddValidationRule<IntrospectionPolicy>(useForCachedDocuments: true)
            .ConfigureExecution<ValidationSuggestions>()
            .ConfigureExecution(services => services.GetRequiredService<SchemaAnswers>());
    }
}
