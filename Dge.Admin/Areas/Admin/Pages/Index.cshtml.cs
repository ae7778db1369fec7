using System.Globalization;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages;

/// <summary>The landing page: coverage of the country and of each region, read through the GraphQL API.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string CoverageQuery = """
        query AdminCoverage {
          coverage(by: REGION) { name code asOf activeDoctors coveredDoctors coverage nynedsatActive nynedsatCovered nynedsatCoverage }
        }
        """;

    public IReadOnlyList<CoverageLine> Regions { get; private set; } = [];

    public CoverageLine? National { get; private set; }

    public string? AsOf { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(CoverageQuery, OperationName: "AdminCoverage"), cancellationToken);
        if (!response.IsSuccess || response.Data is not { } data)
        {
            Error = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        var rows = data.GetProperty("coverage").EnumerateArray().ToList();
        Regions = rows.Select(r => new CoverageLine(
            r.GetProperty("name").GetString() ?? string.Empty,
            r.GetProperty("activeDoctors").GetInt32(),
            r.GetProperty("coveredDoctors").GetInt32(),
            r.GetProperty("nynedsatActive").GetInt32(),
            r.GetProperty("nynedsatCovered").GetInt32())).ToList();
        AsOf = rows.Count > 0 ? rows[0].GetProperty("asOf").GetString() : null;

        // Every municipality is in exactly one region on a day, so the country is the sum of the regions.
        National = new CoverageLine(
            "Hele landet",
            Regions.Sum(r => r.ActiveDoctors),
            Regions.Sum(r => r.CoveredDoctors),
            Regions.Sum(r => r.NynedsatActive),
            Regions.Sum(r => r.NynedsatCovered));
    }

    /// <summary>A row of the coverage table.</summary>
    public sealed record CoverageLine(string Name, int ActiveDoctors, int CoveredDoctors, int NynedsatActive, int NynedsatCovered)
    {
        public string Coverage => Percent(CoveredDoctors, ActiveDoctors);

        public string NynedsatCoverage => Percent(NynedsatCovered, NynedsatActive);

        // Danish notation ("78,2 %") without depending on culture data, which the invariant-globalization build lacks.
        private static string Percent(int part, int whole) =>
            whole == 0 ? "–" : ((double)part / whole * 100).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " %";
    }
}
