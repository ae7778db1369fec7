using System.Security.Claims;
using Dge.Api.GraphQL;
using GraphQL.Types;

namespace Dge.Api.Access;

/// <summary><c>me</c> (anyone) and <c>apiKeys</c> (admins).</summary>
public static class AccessQueries
{
    public static void AddAccessQueries(this QueryType query)
    {
        query.AddField(new FieldType
        {
            Name = "me",
            Description = "Who the caller is: anonymous, a signed-in user (cookie) or a program with an API key, and its roles.",
            ResolvedType = new NonNullGraphType(new MeGraphType()),
            Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object>(context => context.User ?? new ClaimsPrincipal(new ClaimsIdentity())),
        });
        query.AddField(new FieldType
        {
            Name = "apiKeys",
            Description = $"Every API key, revoked and expired ones too, by name; never the secret. Needs the {Roles.Admin} role.",
            ResolvedType = new ListGraphType(new NonNullGraphType(new ApiKeyGraphType())),
            Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object>(async context =>
                await context.RequestServices!.GetRequiredService<ApiKeys>().ListAsync(context.CancellationToken)),
        }.RequireRole(Roles.Admin));
    }
}

/// <summary>The caller, as <c>me</c> answers.</summary>
public sealed class MeGraphType : ObjectGraphType<ClaimsPrincipal>
{
    public MeGraphType()
    {
        Name = "Me";
        Description = "The caller of this request.";
        Field<NonNullGraphType<BooleanGraphType>>("authenticated").Description("Whether the caller signed in or sent a valid API key.")
            .Resolve(context => context.Source.Identity?.IsAuthenticated == true);
        Field<StringGraphType>("name").Description("The user's e-mail address or the API key's name; null when anonymous.")
            .Resolve(context => context.Source.Identity?.IsAuthenticated == true ? context.Source.Identity.Name : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles")
            .Description("The roles the caller holds, each with those it includes (an Admin is also an Editor and a Reader).")
            .Resolve(context => Roles.All.Where(role => Roles.Has(context.Source, role)).ToList());
        Field<StringGraphType>("via").Description("How the caller authenticated: COOKIE (signed in) or API_KEY; null when anonymous.")
            .Resolve(context => context.Source.Identity switch
            {
                { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.SchemeName } => "API_KEY",
                { IsAuthenticated: true } when AccessServiceCollectionExtensions.IsCookieAuthenticated(context.Source) => "COOKIE",
                _ => null,
            });
    }
}

/// <summary>An API key as admins see it.</summary>
public sealed class ApiKeyGraphType : ObjectGraphType<ApiKey>
{
    public ApiKeyGraphType()
    {
        Name = "ApiKey";
        Description = "A key a program sends as 'Authorization: Bearer <key>'. The secret is shown once, when the key is created.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of the key.").Resolve(context => global::Dge.Api.GraphQL.Relay.NodeId.Encode("ApiKey", context.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Description("What the key is for.").Resolve(context => context.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("role").Description("What the key may do: Reader, Editor or Admin.").Resolve(context => context.Source.Role);
        Field<NonNullGraphType<StringGraphType>>("hint").Description("The secret's first characters, to tell keys apart.").Resolve(context => context.Source.Hint);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the key was created (UTC).").Resolve(context => DateTime.SpecifyKind(context.Source.CreatedAt, DateTimeKind.Utc));
        Field<NonNullGraphType<StringGraphType>>("createdBy").Description("Who created the key.").Resolve(context => context.Source.CreatedBy);
        Field<DateTimeGraphType>("expiresAt").Description("From when the key is refused (UTC); null: never.").Resolve(context => Utc(context.Source.ExpiresAt));
        Field<DateTimeGraphType>("revokedAt").Description("When the key was revoked (UTC); null while it is valid.").Resolve(context => Utc(context.Source.RevokedAt));
        Field<DateTimeGraphType>("lastUsedAt").Description("The last request made with the key (UTC, to the minute); null if never used.").Resolve(context => Utc(context.Source.LastUsedAt));
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
