namespace Dge.Api.Views;

/// <summary>Configuration section <c>Dge:Views</c>.</summary>
public sealed class ViewOptions
{
    public const string Section = "Dge:Views";

    /// <summary>Advisors with more active groups than this are flagged in the advisor workload view.</summary>
    public int AdvisorGroupThreshold { get; set; } = 12;
}
