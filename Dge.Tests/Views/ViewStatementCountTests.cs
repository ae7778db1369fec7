using System.Text.Json;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Views;

/// <summary>
/// Each view runs a fixed number of SQL statements: the same on the national database and on one with twice the people,
/// clinics and groups, whatever the number of clusters, groups and scopes on the page.
/// </summary>
public sealed class ViewStatementCountTests
{
    public static TheoryData<string, string, int> Views => new()
    {
        { "coverage by region", """{ coverage(by: REGION, asOf: "2026-11-01") { name coverage nynedsatCoverage } }""", 2 },
        { "coverage by cluster", """{ coverage(by: CLUSTER, asOf: "2027-03-01") { name coverage } }""", 2 },
        { "coverage field on every municipality", """{ municipalities(first: 100) { nodes { name coverage(asOf: "2026-11-01") { coverage } } } }""", 2 },
        { "coverage fields on regions and their KAP units", """{ regions(first: 10) { nodes { coverage { coverage } kapUnits { nodes { coverage { coverage } } } } } }""", 4 },
        {
            "cluster alignment of the country with groups, themes, uncovered doctors and suggestions",
            """
            { clusterAlignment(asOf: "2026-11-01", order: { alignedCoverage: ASC }, first: 100) { totalCount nodes { cluster { name } alignedCoverage
              groups { group { name } share aligned } themeAlignment { ratio missedThemes { code } }
              uncoveredDoctors { doctor { lastName } nynedsat suggestions(first: 3) { group { name } rank reasons } } } } }
            """,
            // clusters, the alignment basis (cluster doctors; their groups' memberships); groups; themes (package themes; themes met);
            // uncovered doctors; suggestions: places, memberships, candidates, member places
            11
        },
        {
            "alignment field on every cluster",
            """{ qualityClusters(first: 100) { nodes { alignment(asOf: "2026-11-01") { alignedCoverage groups { overlap } } } } }""",
            // the page of clusters; the batch's clusters and their alignment basis (cluster doctors; their groups' memberships); groups
            5
        },
        { "advisor workload with groups", """{ advisorWorkload(asOf: "2026-11-01") { nodes { activeGroups currentMembers groups { name } } } }""", 2 },
        {
            "annual report of a region",
            """{ annualReport(regionCode: "1082", year: 2025) { groupsActive groupsByKind { kind active } meetings topThemes { theme { code } } coverage { coverage } funding { total } } }""",
            // region, active groups by kind, founded and dissolved by kind, meeting totals, top themes, coverage
            6
        },
        {
            "reform impact",
            """{ reformImpact(asOf: "2027-03-01") { regions { name groups doctorsMoving kapUnits { code } coverage { coverage } } healthCouncils { name groups coverage { coverage } } } }""",
            // reform day, history, municipalities, regions, KAP units, clusters, where doctors work, who practises, current memberships, councils
            10
        },
        { "group suggestions of a page of doctors", """{ doctors(first: 100) { nodes { groupSuggestions(asOf: "2026-11-01", first: 5) { rank group { name } } } } }""", 5 },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_NationalAndDoubleData_RunTheSameFixedNumberOfStatements(string description, string query, int expected)
    {
        var national = await CountAsync(await TestDatabases.CopyNationalAsync(), query);
        var doubled = await CountAsync(await TestDatabases.CopyDoubleAsync(), query);

        Assert.True(national == expected, $"{description}: {national} statements, expected {expected}.");
        Assert.Equal(national, doubled);
    }

    private static async Task<int> CountAsync(string databasePath, string query)
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(
            databasePath,
            configureServices: services => services.AddSingleton<IInterceptor>(counter),
            settings: new Dictionary<string, string> { ["Dge:GraphQL:MaxComplexity"] = "1000000000", ["Dge:GraphQL:MaxDepth"] = "40" });
        await factory.CreateReadyClientAsync();
        counter.Reset();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, query);

        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return counter.Count;
    }
}
