using System.Security.Claims;
using Dge.Api.Access;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Model;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// The root mutation: the only write path. Each area adds its mutations (its XMutations.cs, listed in Composition/DgeAreas.cs); every
/// mutation needs its role (Editor unless it says otherwise) and runs as one audited transaction (<see cref="WriteTransaction"/>).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    /// <summary>
    /// What a mutation costs: a transaction with a few reads and writes, its audit entries and a commit, far more than a
    /// read of one row; the selection below the payload counts once.
    /// </summary>
    public const double Cost = 50;

    public MutationType(IReadOnlyList<SchemaArea> areas)
    {
        Name = "Mutation";
        Description = "Changes to the DGE graph. Each mutation is one transaction, audited, and needs the Editor role (API keys and users: Admin); a broken rule comes back in the payload's errors.";
        foreach (var area in areas)
        {
            area.Mutations?.Invoke(this);
        }
    }

    /// <summary>Adds <c>name(input: NameInput!): NamePayload!</c> with its input, payload and error union.</summary>
    public FieldType Add<TInput, TResult>(MutationDefinition<TInput, TResult> mutation)
        where TInput : class
        where TResult : class
    {
        var typeName = char.ToUpperInvariant(mutation.Name[0]) + mutation.Name[1..];
        var input = new InputObjectGraphType<TInput> { Name = $"{typeName}Input", Description = $"The input of {mutation.Name}." };
        foreach (var field in mutation.Input)
        {
            input.Field(field.Name, SdlType.Parse(field.Type)).Description(field.Description);
        }

        var errors = new UnionGraphType { Name = $"{typeName}Error", Description = $"The errors {mutation.Name} can return." };
        foreach (var error in mutation.Errors.Append(MutationErrorGraphTypes.Validation).Append(MutationErrorGraphTypes.Forbidden).Distinct())
        {
            errors.AddPossibleType(new GraphQLTypeReference(error));
        }

        var payload = new ObjectGraphType<MutationPayload> { Name = $"{typeName}Payload", Description = $"The result of {mutation.Name}." };
        payload.Field(mutation.ResultField, new GraphQLTypeReference(mutation.ResultType))
            .Description($"The {mutation.ResultType} as changed; null when the mutation was refused.")
            .Resolve(context => context.Source.Entity);
        payload.Field("errors", new ListGraphType(new NonNullGraphType(errors)))
            .Description("Why the mutation was refused; null when it succeeded. Nothing is written when there are errors.")
            .Resolve(context => context.Source.Errors);
        payload.Field("warnings", new NonNullGraphType(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference("Warning")))))
            .Description("Norms the change leaves unmet (e.g. fewer than 6 members): reported, not refused.")
            .Resolve(context => context.Source.Warnings);

        var fieldType = new FieldType
        {
            Name = mutation.Name,
            Description = mutation.Description,
            ResolvedType = new NonNullGraphType(payload),
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input", Description = $"What {mutation.Name} needs; ids are global ids." }),
            Resolver = new FuncFieldResolver<object>(async context =>
            {
                var value = context.GetArgument<TInput>("input");
                var time = context.Service<TimeProvider>();
                return await WriteTransaction.RunAsync(
                    context.Service<IDbContextFactory<Data.DgeDbContext>>(),
                    context.Service<ModelRegistry>(),
                    context.User ?? new ClaimsPrincipal(new ClaimsIdentity()),
                    context.RequestServices!,
                    mutation.Name,
                    context.Today(),
                    time.GetUtcNow().UtcDateTime,
                    context.Service<ILoggerFactory>().CreateLogger<MutationType>(),
                    (write, ct) => mutation.Run(write, value, ct),
                    context.CancellationToken,
                    mutation.WritesAlone);
            }),
        }.WithCost(_ => new FieldCost(Cost, 1)).RequireRole(mutation.Role);
        AddField(fieldType);
        return fieldType;
    }
}
