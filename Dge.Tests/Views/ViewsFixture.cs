using System.Text;
using System.Text.Json;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Views;

/// <summary>The national graph of one test class, with the oracle loaded from the same database file.</summary>
public sealed class ViewsFixture : IAsyncLifetime
{
    /// <summary>One date in 2025, the seed's anchor (before the regions end) and one after the 2027 merger.</summary>
    public static readonly DateOnly[] Dates = [new(2025, 6, 15), new(2026, 11, 1), new(2027, 3, 1)];

    public NationalGraph Graph { get; } = new();

    public ViewOracle Oracle { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Graph.InitializeAsync();
        await using var db = Graph.OpenDb();
        Oracle = await ViewOracle.LoadAsync(db);
    }

    public Task DisposeAsync() => Graph.DisposeAsync();

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key of a global id (base64 of Type:key).</summary>
    public static int KeyOf(JsonElement id)
    {
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(id.GetString()!));
        return int.Parse(text[(text.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static void AssertRatio(double? expected, JsonElement actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{what}: expected null, got {actual}");
        }
        else
        {
            Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what}: expected {expected}, got {actual}");
            Assert.True(Math.Abs(expected.Value - actual.GetDouble()) < 1e-9, $"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>Compares the coverage fields of a Coverage or CoverageRow object with the oracle.</summary>
    public static void AssertCoverage(OracleCoverage? expected, JsonElement actual, string what)
    {
        var e = expected ?? new OracleCoverage(0, 0, 0, 0);
        Assert.True(e.Active == actual.GetProperty("activeDoctors").GetInt32(), $"{what}: activeDoctors {e.Active} ≠ {actual.GetProperty("activeDoctors")}");
        Assert.True(e.Covered == actual.GetProperty("coveredDoctors").GetInt32(), $"{what}: coveredDoctors {e.Covered} ≠ {actual.GetProperty("coveredDoctors")}");
        Assert.True(e.NynedsatActive == actual.GetProperty("nynedsatActive").GetInt32(), $"{what}: nynedsatActive {e.NynedsatActive} ≠ {actual.GetProperty("nynedsatActive")}");
        Assert.True(e.NynedsatCovered == actual.GetProperty("nynedsatCovered").GetInt32(), $"{what}: nynedsatCovered {e.NynedsatCovered} ≠ {actual.GetProperty("nynedsatCovered")}");
        AssertRatio(Ratio(e.Covered, e.Active), actual.GetProperty("coverage"), $"{what}: coverage");
        AssertRatio(Ratio(e.NynedsatCovered, e.NynedsatActive), actual.GetProperty("nynedsatCoverage"), $"{what}: nynedsatCoverage");
    }

    public const string CoverageSelection = "activeDoctors coveredDoctors coverage nynedsatActive nynedsatCovered nynedsatCoverage";
}
