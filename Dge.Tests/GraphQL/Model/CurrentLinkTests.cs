using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL.Model;

/// <summary>
/// A dated to-one relation (a doctor's clinic, a clinic's cluster) reads the same target whether a page loads it or a
/// filter tests it: the link active on the day with the latest start, then the lowest id; none when no link is active.
/// </summary>
public sealed class CurrentLinkTests(DatedLinksGraph graph) : IClassFixture<DatedLinksGraph>
{
    private const string D = DatedLinksGraph.Day;

    [Fact]
    public async Task Load_OverlappingTiedFutureAndEndingLinks_PicksTheLatestStartThenTheLowestId()
    {
        var data = await graph.DataAsync(
            $$"""
            {
              doctors(asOf: "{{D}}", first: 50) { nodes { lastName clinic(asOf: "{{D}}") { ydernummer } } }
              clinics(asOf: "{{D}}", first: 50) { nodes { ydernummer cluster(asOf: "{{D}}") { name } } }
            }
            """);

        Assert.Equal(DatedLinksGraph.ClinicOnDay, Targets(data.GetProperty("doctors"), "lastName", "clinic", "ydernummer"));
        Assert.Equal(DatedLinksGraph.ClusterOnDay, Targets(data.GetProperty("clinics"), "ydernummer", "cluster", "name"));
    }

    [Fact]
    public async Task Load_FieldWithoutAsOf_ReadsTodayWhateverTheConnectionsAsOf()
    {
        // "Future" changes clinic the day after D; "Overlapping" has no clinic left today; the field's own asOf decides.
        var data = await graph.DataAsync(
            $$"""{ doctors(asOf: "{{D}}", first: 50, where: { lastName: { in: ["Future", "Overlapping"] } }) { nodes { lastName clinic { ydernummer } } } }""");

        Assert.Equal(
            new Dictionary<string, string?> { ["Future"] = DatedLinksGraph.C2, ["Overlapping"] = null },
            Targets(data.GetProperty("doctors"), "lastName", "clinic", "ydernummer"));
    }

    [Theory]
    [InlineData(DatedLinksGraph.C1)]
    [InlineData(DatedLinksGraph.C2)]
    public async Task Where_ClinicEqOrIn_MatchesTheDoctorsWhoseLoadedClinicItIs(string ydernummer)
    {
        var expected = DatedLinksGraph.ClinicOnDay.Where(d => d.Value == ydernummer).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();

        var data = await graph.DataAsync(
            $$"""
            query($y: String) {
              eq: doctors(asOf: "{{D}}", first: 50, where: { clinic: { ydernummer: { eq: $y } } }) { nodes { lastName } }
              in: doctors(asOf: "{{D}}", first: 50, where: { clinic: { ydernummer: { in: [$y, "999999"] } } }) { nodes { lastName } }
              andName: doctors(asOf: "{{D}}", first: 50, where: { clinic: { and: [{ ydernummer: { eq: $y } }, { name: { neq: null } }] } }) { nodes { lastName } }
            }
            """,
            new { y = ydernummer });

        Assert.Equal(expected, Names(data.GetProperty("eq")));
        Assert.Equal(expected, Names(data.GetProperty("in")));
        Assert.Equal(expected, Names(data.GetProperty("andName")));
    }

    [Theory]
    [InlineData(DatedLinksGraph.K1)]
    [InlineData(DatedLinksGraph.K2)]
    public async Task Where_ClusterAndClinicsCluster_MatchTheLoadedClusters(string cluster)
    {
        var clinics = Clinics(c => c == cluster);
        var doctors = DatedLinksGraph.ClinicOnDay.Where(d => d.Value is { } y && DatedLinksGraph.ClusterOnDay[y] == cluster).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();

        var data = await graph.DataAsync(
            $$"""
            query($k: String) {
              clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { eq: $k } } }) { nodes { ydernummer } }
              doctors(asOf: "{{D}}", first: 50, where: { clinic: { cluster: { name: { eq: $k } } } }) { nodes { lastName } }
            }
            """,
            new { k = cluster });

        Assert.Equal(clinics, Ydernumre(data.GetProperty("clinics")));
        Assert.Equal(doctors, Names(data.GetProperty("doctors")));
    }

    [Fact]
    public async Task Where_ClusterConditionsAMissingClusterMeets_KeepTheClinicsWithoutOne()
    {
        var withoutCluster = Clinics(c => c is null);
        var notK1 = Clinics(c => c != DatedLinksGraph.K1);

        var data = await graph.DataAsync(
            $$"""
            {
              nullName: clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { eq: null } } }) { nodes { ydernummer } }
              neq: clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { neq: "{{DatedLinksGraph.K1}}" } } }) { nodes { ydernummer } }
              nin: clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { nin: ["{{DatedLinksGraph.K1}}"] } } }) { nodes { ydernummer } }
              ncontains: clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { ncontains: "Et" } } }) { nodes { ydernummer } }
              inWithNull: clinics(asOf: "{{D}}", first: 50, where: { cluster: { name: { in: ["{{DatedLinksGraph.K1}}", null] } } }) { nodes { ydernummer } }
            }
            """);

        Assert.Equal(withoutCluster, Ydernumre(data.GetProperty("nullName")));
        Assert.Equal(notK1, Ydernumre(data.GetProperty("neq")));
        Assert.Equal(notK1, Ydernumre(data.GetProperty("nin")));
        Assert.Equal(notK1, Ydernumre(data.GetProperty("ncontains")));
        Assert.Equal(Clinics(c => c is null or DatedLinksGraph.K1), Ydernumre(data.GetProperty("inWithNull")));
    }

    [Fact]
    public async Task Where_ThroughARelationUnderAllOrNone_CountsAChildWithoutTheTargetAsNotMatching()
    {
        // The region's two coordinators: one is a doctor whose clinic is C2, the other is no doctor at all. "All of them
        // have clinic C2" fails for the second, whether the coordinator's doctor is missing or the doctor's clinic is.
        var data = await graph.DataAsync(
            $$"""
            {
              all: regions(asOf: "{{D}}", where: { coordinators: { all: { doctor: { clinic: { ydernummer: { eq: "{{DatedLinksGraph.C2}}" } } } } } }) { nodes { id } }
              allOr: regions(asOf: "{{D}}", where: { coordinators: { all: { doctor: { clinic: { or: [{ closedOn: { neq: null } }, { cluster: { name: { eq: "{{DatedLinksGraph.K2}}" } } }] } } } } }) { nodes { id } }
              allRegion: regions(asOf: "{{D}}", where: { coordinators: { all: { municipality: { region: { name: { startsWith: "Region" } } } } } }) { nodes { id } }
              none: regions(asOf: "{{D}}", where: { coordinators: { none: { doctor: { clinic: { ydernummer: { neq: "{{DatedLinksGraph.C2}}" } } } } } }) { nodes { id } }
              some: regions(asOf: "{{D}}", where: { coordinators: { some: { doctor: { clinic: { ydernummer: { eq: "{{DatedLinksGraph.C2}}" } } } } } }) { nodes { id } }
            }
            """);

        var region = NodeId.Encode("Region", graph.RegionId);
        Assert.DoesNotContain(region, Ids(data.GetProperty("all")));
        Assert.DoesNotContain(region, Ids(data.GetProperty("allOr")));
        Assert.DoesNotContain(region, Ids(data.GetProperty("allRegion")));
        Assert.DoesNotContain(region, Ids(data.GetProperty("none")));
        Assert.Equal([region], Ids(data.GetProperty("some")));
    }

    [Fact]
    public async Task Where_ThroughClinicWithOrderAndCursors_PagesEveryMatchOnce()
    {
        const string Page = """
            query($after: String) {
              doctors(asOf: "2025-06-01", first: 2, after: $after, order: [{ clinic: { name: DESC } }, { lastName: ASC }],
                where: { clinic: { ydernummer: { in: ["910001", "910002"] } } }) {
                totalCount pageInfo { endCursor hasNextPage } nodes { lastName }
              }
            }
            """;
        var seen = new List<string>();
        string? after = null;

        for (var hasNext = true; hasNext;)
        {
            var doctors = (await graph.DataAsync(Page, new { after })).GetProperty("doctors");
            Assert.Equal(6, doctors.GetProperty("totalCount").GetInt32());
            seen.AddRange(doctors.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastName").GetString()!));
            after = doctors.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            hasNext = doctors.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
        }

        Assert.Equal(["EndsOnDay", "Overlapping", "Tie", "Future", "LaterFirst", "LaterSecond"], seen);
    }

    [Fact]
    public async Task Where_PersonalFieldInsideARelation_NeedsTheReaderRoleAfterAReaderRanTheSameDocument()
    {
        const string Query = """{ doctors(where: { clinic: { ydernummer: { eq: "910001" }, doctors: { some: { email: { eq: "x" } } } } }) { totalCount } }""";

        var reader = await graph.ExecuteAsync(Query, user: TestPrincipals.WithRole(Roles.Reader));
        var anonymous = await graph.ExecuteAsync(Query);

        Assert.False(reader.TryGetProperty("errors", out _), reader.ToString());
        var error = anonymous.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal("AUTH_NOT_AUTHORIZED", error.GetProperty("code").GetString());
        Assert.Equal("where.clinic.doctors.some.email", error.GetProperty("argument").GetString());
    }

    /// <summary>The ydernumre of the clinics whose cluster on D (its name, or null) passes <paramref name="cluster"/>, in order.</summary>
    private static List<string> Clinics(Func<string?, bool> cluster) =>
        DatedLinksGraph.ClusterOnDay.Where(c => cluster(c.Value)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, string?> Targets(JsonElement connection, string key, string reference, string field) =>
        connection.GetProperty("nodes").EnumerateArray().ToDictionary(
            n => n.GetProperty(key).GetString()!,
            n => n.GetProperty(reference).ValueKind == JsonValueKind.Null ? null : n.GetProperty(reference).GetProperty(field).GetString());

    private static List<string> Names(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastName").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Ydernumre(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("ydernummer").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Ids(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
}
