using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Regions;

namespace Dge.Api.Views;

/// <summary>The typed errors of the views' arguments, each with a stable code.</summary>
public static class ViewErrors
{
    public static DgeQueryError InvalidReportScope(string message) => new("INVALID_REPORT_SCOPE", message, "kapUnitCode");

    public static DgeQueryError RegionNotInForce(Region region, int year) => new(
        "REGION_NOT_IN_FORCE",
        region.To is { } end && end <= new DateOnly(year, 1, 1)
            ? $"{region.Name} exists until {end.AddDays(-1):yyyy-MM-dd}; report its successor{(region.Successor is { } next ? $" {next.Name} (regionId: {NodeId.Encode("Region", next.Id)})" : string.Empty)} for {year}."
            : $"{region.Name} exists from {region.From:yyyy-MM-dd}; there is no report for {year}.",
        "year");

    public static DgeQueryError UnknownReportScope(string argument, string code) => new("UNKNOWN_REPORT_SCOPE", $"{argument}: there is no scope with the code '{code}'.", argument);

    public static DgeQueryError InvalidYear(int year) =>
        new("INVALID_YEAR", $"year: {year} is outside {AnnualReportQuery.MinYear}–{AnnualReportQuery.MaxYear}.", "year");

    public static DgeQueryError InvalidThreshold(int threshold) => new("INVALID_THRESHOLD", $"threshold: {threshold} must not be negative.", "threshold");

    public static DgeQueryError NoReform() => new("NO_REFORM", "The data holds no region that replaces others, so there is no reform to describe.");
}
