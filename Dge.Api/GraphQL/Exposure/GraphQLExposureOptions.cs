namespace Dge.Api.GraphQL.Exposure;

/// <summary>Who may see how the API is built: introspection, the IDE and validation hints (section <c>Dge:GraphQL</c>).</summary>
public sealed class GraphQLExposureOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Who may run <c>__schema</c>/<c>__type</c> and read <c>/graphql?sdl</c>; unset means anyone, except in Production, where it means authenticated callers.</summary>
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
        var section = configuration.GetSection(Section);
        var options = section.Get<GraphQLExposureOptions>() ?? new GraphQLExposureOptions();
        options.Suggestions ??= !environment.IsProduction();

        // In Production the schema is for the API's known clients (signed in or holding a key) unless configured otherwise.
        if (section[nameof(Introspection)] is null && environment.IsProduction())
        {
            options.Introspection = IntrospectionAccess.Authenticated;
        }

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
