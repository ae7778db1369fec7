using System.Globalization;
using System.Text.Json;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages;

/// <summary>The landing page: coverage of the country and of each region, read through the GraphQL API.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private static readonly string CoverageQuery = AdminOperations.Read("AdminCoverage");

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

        var rows = data.GetProperty("regions").EnumerateArray().ToList();
        Regions = rows.Select(Line).ToList();
        AsOf = rows.Count > 0 ? rows[0].GetProperty("asOf").GetString() : null;

        // The API counts each doctor once for the country, even one working in clinics in two regions.
        National = data.GetProperty("national").EnumerateArray().Select(Line).FirstOrDefault();
    }

    private static CoverageLine Line(JsonElement row) => new(
        row.GetProperty("name").GetString() ?? string.Empty,
        row.GetProperty("activeDoctors").GetInt32(),
        row.GetProperty("coveredDoctors").GetInt32(),
        row.GetProperty("nynedsatActive").GetInt32(),
        row.GetProperty("nynedsatCovered").GetInt32());

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
