using Dge.Api.Audit;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Access;

public sealed record CreateApiKeyInput
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    public DateTime? ExpiresAt { get; init; }
}

public sealed record RevokeApiKeyInput
{
    public required string Id { get; init; }
}

/// <summary>A key just created, with the secret that is shown this once.</summary>
public sealed record CreatedApiKey(ApiKey ApiKey, string Secret);

/// <summary>The API key mutations, for admins: keys are created with a name, a role and an optional expiry, and revoked.</summary>
public static class AccessMutations
{
    public const string ApiKeyTypeName = "ApiKey";

    public static MutationType AddAccessMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateApiKeyInput, CreatedApiKey>
        {
            Name = "createApiKey",
            Description = $"Creates an API key for a program, with a role and an optional expiry. The secret is in this answer only: it is never stored or shown again. Needs the {Roles.Admin} role.",
            ResultField = "created",
            ResultType = "CreatedApiKey",
            Input =
            [
                new("name", "String!", $"What the key is for (the program or team), at most {ApiKeys.MaxNameLength} characters."),
                new("role", "String!", $"What the key may do: {string.Join(", ", Roles.All)}."),
                new("expiresAt", "DateTime", "From when the key is refused (UTC), in the future; null: never."),
            ],
            Role = Roles.Admin,
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<RevokeApiKeyInput, ApiKey>
        {
            Name = "revokeApiKey",
            Description = $"Revokes an API key at once: from now on it is refused with 401. Takes no expected version: a revocation must not wait for a fresh read. Needs the {Roles.Admin} role.",
            ResultField = "apiKey",
            ResultType = ApiKeyTypeName,
            Input = [new("id", "ID!", "The key.")],
            Errors = [MutationErrorGraphTypes.NotFound],
            Role = Roles.Admin,
            Run = RevokeAsync,
        });
        return mutation;
    }

    /// <summary>The graph type of <see cref="CreatedApiKey"/>.</summary>
    public static IEnumerable<IGraphType> Types()
    {
        var created = new ObjectGraphType<CreatedApiKey> { Name = "CreatedApiKey", Description = "A new API key and its secret, shown this once." };
        created.Field("apiKey", new NonNullGraphType(new GraphQLTypeReference(ApiKeyTypeName))).Description("The key as it is listed.").Resolve(context => context.Source.ApiKey);
        created.Field<NonNullGraphType<StringGraphType>>("secret")
            .Description("The secret to send as 'Authorization: Bearer <secret>'. Store it now: DgeGraph keeps only its hash.")
            .Resolve(context => context.Source.Secret);
        yield return created;
    }

    private static Task<CreatedApiKey> CreateAsync(WriteTransaction write, CreateApiKeyInput input, CancellationToken cancellationToken)
    {
        var name = InputRules.Text(input.Name, "name", ApiKeys.MaxNameLength);
        if (!Roles.IsKnown(input.Role))
        {
            throw MutationRefusedException.Invalid("role", "UNKNOWN_ROLE", $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        var expiresAt = input.ExpiresAt?.ToUniversalTime();
        if (expiresAt <= write.Now)
        {
            throw MutationRefusedException.Invalid("expiresAt", "EXPIRY_IN_PAST", "expiresAt must lie in the future.");
        }

        var (key, secret) = ApiKeys.New(name, input.Role, expiresAt, AuditRecorder.Actor(write.User).Name, write.Now);
        write.Db.ApiKeys.Add(key);
        return Task.FromResult(new CreatedApiKey(key, secret));
    }

    private static async Task<ApiKey> RevokeAsync(WriteTransaction write, RevokeApiKeyInput input, CancellationToken cancellationToken)
    {
        var id = NodeId.KeyOf(input.Id, ApiKeyTypeName) ?? throw MutationRefusedException.Invalid("id", "INVALID_ID", $"'{input.Id}' is not the id of an {ApiKeyTypeName}.");
        var key = await write.Db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw MutationRefusedException.NotFound(input.Id, ApiKeyTypeName);
        if (key.RevokedAt is { } revoked)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_REVOKED", $"The key was revoked at {revoked:yyyy-MM-dd HH:mm} UTC.");
        }

        // Requests authenticate against keys checked a moment ago (ApiKeys): forget them now and again once the revocation
        // is committed, so no request authenticated with this key can start after the mutation answers.
        var keys = write.Services.GetRequiredService<ApiKeys>();
        keys.ForgetCheckedKeys();
        write.AfterCommit(keys.ForgetCheckedKeys);
        key.RevokedAt = write.Now;
        return key;
    }
}
