using System.Text.Encodings.Web;
using Dge.Api.GraphQL.Http;
using Dge.Api.GraphQL.Loading;
using Dge.Api.GraphQL.Model;
using GraphQL;
using GraphQL.Validation.Complexity;

namespace Dge.Api.GraphQL;

/// <summary>Configuration section <c>Dge:GraphQL</c>: abuse limits, checked before any SQL runs.</summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Deepest nesting of selections a query may have.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Largest estimated cost of a query (each field 1, lists multiply their children).</summary>
    public int MaxComplexity { get; set; } = 50_000;
}

public static class GraphQLServiceCollectionExtensions
{
    public static WebApplicationBuilder AddDgeGraphQL(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(GraphQLLimitsOptions.Section).Get<GraphQLLimitsOptions>() ?? new GraphQLLimitsOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ModelRegistry(QueryType.Models));
        builder.Services.AddScoped<RequestLoaders>();
        builder.Services.AddSingleton<GraphQLRunner>();
        builder.Services.AddOptions<GraphQLExecutionOptions>().BindConfiguration(GraphQLExecutionOptions.Section)
            .Validate(o => o.ExecutionTimeout > TimeSpan.Zero, "Dge:GraphQL:ExecutionTimeout must be positive.").ValidateOnStart();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<DgeSchema>()
            .AddSystemTextJson(options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddComplexityAnalyzer(options =>
            {
                options.MaxDepth = limits.MaxDepth;
                options.MaxComplexity = limits.MaxComplexity;

                // Introspection is answered from memory and the IDE's full introspection query would cost over a
                // million by list multipliers: it costs nothing, and stays bounded by the depth limit.
                var defaultImpact = options.DefaultComplexityImpactDelegate;
                options.DefaultComplexityImpactDelegate = field => field.FieldDefinition.Name is "__schema" or "__type"
                    ? new FieldComplexityResult(0, 0)
                    : defaultImpact(field);
            })
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = builder.Environment.IsDevelopment())
            .AddUnhandledExceptionHandler(UnhandledResolverErrors.HandleAsync));
        return builder;
    }
}
