namespace Dge.Api.Data.Providers;

/// <summary>
/// What this version's migrations make of a database: the ones to apply, and the ones it holds that this version does not
/// know (written by a newer version, which refuses the database). The same comparison for the host on either provider and
/// for the <c>migrate</c> command.
/// </summary>
public sealed record MigrationPlan(IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public static MigrationPlan Of(IEnumerable<string> applied, IEnumerable<string> known)
    {
        var appliedIds = applied.ToList();
        var knownIds = known.ToList();
        return new([.. knownIds.Except(appliedIds)], [.. appliedIds.Except(knownIds)]);
    }
}
