namespace Dge.Api.GraphQL.Exposure;

/// <summary>Who may see how the API is built: introspection, the IDE and validation hints (section <c>Dge:GraphQL</c>).</summary>
public sealed class GraphQLExposureOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Who may run <c>__schema</c>/<c>__type</c> and read <c>/graphql?sdl</c>.</summary>
    public IntrospectionAccess Introspection { get; set; } = IntrospectionAccess.Anonymous;

    /// <summary>Whether the Banana Cake Pop IDE is served at <c>/graphql/</c>.</summary>
    public bool Ide { get; set; } = true;

    /// <summary>
    /// Whether validation errors suggest names ("Did you mean 'lastName'?"); unset means on, except in Production, where
    /// the suggestions would let anyone map the schema with introspection turned off.
    /// </summary>
    public bool? Suggestions { get; set; }

    public static GraphQLExposureOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<GraphQLExposureOptions>() ?? new GraphQLExposureOptions();
        options.Suggestions ??= !environment.IsProduction();
        return options;
    }
}

/// <summary>Who may introspect the schema.</summary>
public enum IntrospectionAccess
{
    /// <summary>Every caller, as analysts' IDEs and code generators need.</summary>
    Anonymous,

    /// <summary>Only callers whose principal is authenticated.</summary>
    Authenticated,

    /// <summary>No caller.</summary>
    Off,
}
