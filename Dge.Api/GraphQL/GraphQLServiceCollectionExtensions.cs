using System.Text.Encodings.Web;
using Dge.Api.Access;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Exposure;
using Dge.Api.GraphQL.Http;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Loading;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Planning;
using GraphQL;

namespace Dge.Api.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The GraphQL engine over the given areas, which the composition root lists (<c>Schema/DgeAreas.cs</c>).</summary>
    public static WebApplicationBuilder AddDgeGraphQL(this WebApplicationBuilder builder, IReadOnlyList<SchemaArea> areas)
    {
        var limits = (builder.Configuration.GetSection(GraphQLLimitsOptions.Section).Get<GraphQLLimitsOptions>() ?? new GraphQLLimitsOptions()).Validated();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ModelRegistry(areas));
        builder.Services.AddScoped<RequestLoaders>();
        builder.Services.AddScoped<RequestCommits>();
        builder.Services.AddScoped<CommittedEntities>();
        builder.Services.AddSingleton<DataVolume>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DataVolume>());
        builder.Services.AddSingleton<ExpensiveOperations>();
        builder.Services.AddSingleton<GraphQLRunner>();
        builder.Services.AddSingleton<ValidatedDocuments>();
        builder.Services.AddSingleton<PlannedReads>();
        builder.Services.AddOptions<GraphQLExecutionOptions>().BindConfiguration(GraphQLExecutionOptions.Section)
            .Validate(o => o.ExecutionTimeout > TimeSpan.Zero, "Dge:GraphQL:ExecutionTimeout must be positive.").ValidateOnStart();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<DgeSchema>()
            .UseMiddleware<FieldAccessMiddleware>()
            .ConfigureExecution(services => services.GetRequiredService<ValidatedDocuments>())
            .ConfigureExecution(services => services.GetRequiredService<PlannedReads>())
            .AddDgeExposure(builder)
            .AddSystemTextJson(options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(new ClientErrorInfoProvider(exposeExceptionDetails: builder.Environment.IsDevelopment()))
            .AddUnhandledExceptionHandler(UnhandledResolverErrors.HandleAsync));
        return builder;
    }
}
