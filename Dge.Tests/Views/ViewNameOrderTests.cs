using System.Text.Json;
using Dge.Api.Coordinators;
using Dge.Api.Data.Collation;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Views;

/// <summary>The views list names in Danish alphabetical order: æ, ø, å after z, and aa as å.</summary>
public sealed class ViewNameOrderTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string AsOf = "2026-11-01";

    /// <summary>Adds an advisor active on <see cref="AsOf"/> advising groups of the given names; the advisor's key.</summary>
    private async Task<int> AddAdvisorAsync(string name, params string[] groups)
    {
        await using var db = graph.OpenDb();
        var kapUnit = await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).FirstAsync();
        var advisor = new Coordinator
        {
            Name = name, Email = $"{Guid.NewGuid():N}@example.dk", Role = CoordinatorRole.Advisor, WeeklyHours = 10, From = new DateOnly(2020, 1, 1), KapUnitId = kapUnit.Id,
        };
        db.Coordinators.Add(advisor);
        await db.SaveChangesAsync();
        db.Groups.AddRange(groups.Select(g => new DgeGroup { Name = g, Kind = GroupKind.Dge, KapUnitId = kapUnit.Id, AdvisorId = advisor.Id, From = new DateOnly(2024, 1, 1) }));
        await db.SaveChangesAsync();
        return advisor.Id;
    }

    private async Task<List<JsonElement>> AdvisorRowsAsync()
    {
        var data = await graph.DataAsync($$"""{ advisorWorkload(asOf: "{{AsOf}}", threshold: 100) { nodes { advisor { id name } activeGroups groups { name } } } }""");
        return data.GetProperty("advisorWorkload").GetProperty("nodes").EnumerateArray().ToList();
    }

    private static List<string> Names(IEnumerable<JsonElement> rows) => rows.Select(r => r.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task Coverage_ByMunicipality_ListsTheNamesInDanishOrder()
    {
        var data = await graph.DataAsync($$"""{ coverage(by: MUNICIPALITY, asOf: "{{AsOf}}") { name } }""");

        var names = Names(data.GetProperty("coverage").EnumerateArray());
        Assert.Equal(names.Order(DanishCollation.Comparer), names);
        Assert.Equal(["Viborg", "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus"], names.TakeLast(6));
    }

    [Fact]
    public async Task AdvisorWorkload_AdvisorsWithTheSameLoad_AreInDanishOrderOfName()
    {
        string[] added = ["Aagaard Vejleder", "Åberg Vejleder", "Østergaard Vejleder", "Ærbo Vejleder", "Zacho Vejleder"];
        foreach (var name in added)
        {
            await AddAdvisorAsync(name, "Fælles belastning");
        }

        var rows = await AdvisorRowsAsync();

        var listed = Names(rows.Select(r => r.GetProperty("advisor"))).Where(added.Contains).ToList();
        Assert.Equal(["Zacho Vejleder", "Ærbo Vejleder", "Østergaard Vejleder", "Åberg Vejleder", "Aagaard Vejleder"], listed);
    }

    [Fact]
    public async Task AdvisorWorkload_GroupsOfAnAdvisor_AreInDanishOrderOfName()
    {
        var advisor = await AddAdvisorAsync("Gruppevejleder Danskorden", "Aagaard-gruppen", "Østerbro", "Alfa", "Åbenhed", "Zoneterapi", "Ældrepleje");

        var rows = await AdvisorRowsAsync();

        var row = rows.Single(r => ViewsFixture.KeyOf(r.GetProperty("advisor").GetProperty("id")) == advisor);
        Assert.Equal(["Alfa", "Zoneterapi", "Ældrepleje", "Østerbro", "Åbenhed", "Aagaard-gruppen"], Names(row.GetProperty("groups").EnumerateArray()));
    }
}
