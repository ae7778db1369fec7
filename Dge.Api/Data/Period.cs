namespace Dge.Api.Data;

/// <summary>
/// A half-open period [From, To): active on D when From ≤ D and (To is null or To &gt; D). Every dated entity is one (memberships,
/// employments, groups, regions, coordinators…), under these two names, so the rules about periods live once, in <see cref="Periods"/>.
/// The GraphQL fields and the columns keep each entity's own names (foundedOn, validFrom…).
/// </summary>
public interface IPeriod
{
    DateOnly From { get; }

    /// <summary>The first day the period no longer holds (exclusive end); null while it lasts.</summary>
    DateOnly? To { get; set; }
}
