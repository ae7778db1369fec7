namespace Dge.Api.Data;

/// <summary>A half-open validity period [From, To): active on D when From ≤ D and (To is null or To &gt; D).</summary>
public interface IPeriod
{
    DateOnly From { get; }

    DateOnly? To { get; }
}
