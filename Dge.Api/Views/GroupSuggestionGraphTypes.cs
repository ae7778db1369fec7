using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Paging;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary><c>GroupSuggestion</c>: an open group suggested to a doctor.</summary>
public sealed class GroupSuggestionGraphType : ObjectGraphType<GroupSuggestion>
{
    public GroupSuggestionGraphType()
    {
        Name = "GroupSuggestion";
        Description = $"An open group suggested to a doctor (gruppeforslag): active, fewer than {ViewRules.OpenGroupBelow} current members, of a KAP unit serving the doctor's clinic, and not already the doctor's group.";
        Field("group", ViewTypes.NonNull("DgeGroup")).Description("The suggested group (gruppe).").Resolve(c => c.Source.Group);
        Field("rank", ViewTypes.NonNull("Int")).Description("Rank (placering), 1 = best.").Resolve(c => c.Source.Rank);
        Field("reasons", ViewTypes.ListOf(nameof(SuggestionReason)))
            .Description("Why the group ranks where it does (begrundelser), in ranking order; empty when none applies.")
            .Resolve(c => c.Source.Reasons);
        Field("members", ViewTypes.NonNull("Int")).Description("The group's current members (medlemmer).").Resolve(c => c.Source.Members);
        Field("freePlaces", ViewTypes.NonNull("Int")).Description("Places left before the group reaches 12 members (ledige pladser).").Resolve(c => c.Source.FreePlaces);
        Field("clusterMembers", ViewTypes.NonNull("Int")).Description("Current members working in a clinic of the doctor's cluster (medlemmer fra klyngen).").Resolve(c => c.Source.ClusterMembers);
        Field("municipalityMembers", ViewTypes.NonNull("Int"))
            .Description("Current members working in the doctor's municipality (medlemmer fra kommunen).")
            .Resolve(c => c.Source.MunicipalityMembers);
    }
}

/// <summary>The group-suggestions field, on <c>Doctor</c> (with <c>asOf</c>) and on <c>UncoveredDoctor</c> (on the view's date).</summary>
public static class GroupSuggestionFields
{
    public const int MaxSuggestions = 20;

    private const string RankingDescription =
        "Ranked by shared cluster (a current member works in a clinic of the doctor's cluster), then same municipality, then kind fit (NEW_GP or JUNIOR for nynedsatte and trainees; DGE, TOPIC or SUPERVISION for other GPs), then more members from the doctor's cluster, then the group's id. KGE groups (a clinic's own team) are not suggested; a doctor working in no clinic on the day gets none.";

    /// <summary><c>Doctor.groupSuggestions(asOf, first)</c>.</summary>
    public static FieldType ForDoctor() => Create(
        "groupSuggestions",
        "Open groups suggested to the doctor (gruppeforslag) on asOf (default today). " + RankingDescription,
        withAsOf: true,
        c => (((Entity)c.Source!).Id, c.AsOf()));

    /// <summary><c>UncoveredDoctor.suggestions(first)</c>.</summary>
    public static FieldType ForUncoveredDoctor() => Create(
        "suggestions",
        "Open groups that could take the doctor (gruppeforslag), on the view's asOf. " + RankingDescription,
        withAsOf: false,
        c => (((UncoveredDoctor)c.Source!).Doctor.Id, ((UncoveredDoctor)c.Source!).AsOf));

    private static FieldType Create(string name, string description, bool withAsOf, Func<IResolveFieldContext, (int DoctorId, DateOnly Day)> target)
    {
        var arguments = new QueryArguments(new QueryArgument(new GraphQLTypeReference("Int"))
        {
            Name = "first",
            Description = $"How many suggestions, best first (default {ClusterAlignmentGraphType.DefaultSuggestions}, at most {MaxSuggestions}).",
            DefaultValue = ClusterAlignmentGraphType.DefaultSuggestions,
        });
        if (withAsOf)
        {
            arguments.Add(ConnectionArguments.AsOfDefinition());
        }

        return new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = ViewTypes.ListOf("GroupSuggestion"),
            Arguments = arguments,
            Resolver = new FuncFieldResolver<object>(context =>
            {
                var first = context.GetArgument("first", ClusterAlignmentGraphType.DefaultSuggestions);
                if (first is < 0 or > MaxSuggestions)
                {
                    throw DgeQueryError.InvalidPaging("first", $"first must be between 0 and {MaxSuggestions}.");
                }

                var (doctorId, day) = target(context);
                return context.LoadBatched($"view:suggestions@{day:O}|{first}", doctorId, (db, ids, ct) => GroupSuggestionQuery.ForDoctorsAsync(db, day, ids, first, ct), snapshot: true)
                    .Then(suggestions => suggestions ?? []);
            }),
        }.WithCost(ViewCosts.Suggestions);
    }
}
