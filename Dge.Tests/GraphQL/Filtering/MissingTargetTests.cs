using System.Text.Json;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL.Filtering;

/// <summary>
/// A filter reads a missing to-one target (a clinic with no cluster on the day, a region with no successor) as an object
/// whose fields are null and whose lists are empty, whether the filter runs from the parents' side or from the targets':
/// <c>some</c> and <c>any: true</c> fail on it, <c>none</c>, <c>all</c> and <c>any: false</c> hold, even for a list whose
/// children may have no parent at all (coordinators without a cluster, regions without a successor).
/// </summary>
public sealed class MissingTargetTests(DatedLinksGraph graph) : IClassFixture<DatedLinksGraph>
{
    private const string D = DatedLinksGraph.Day;

    [Fact]
    public async Task Where_CoordinatorsOfAMissingCluster_AreAnEmptyList()
    {
        // K1 has one coordinator, K2 none; NoCluster and BetweenClusters have no cluster on D.
        var withCoordinators = Clinics(k => k == DatedLinksGraph.K1);
        var withoutCoordinators = Clinics(k => k != DatedLinksGraph.K1);

        var data = await graph.DataAsync(
            $$"""
            {
              some: clinics(asOf: "{{D}}", first: 50, where: { cluster: { coordinators: { some: {} } } }) { nodes { ydernummer } }
              anyTrue: clinics(asOf: "{{D}}", first: 50, where: { cluster: { coordinators: { any: true } } }) { nodes { ydernummer } }
              none: clinics(asOf: "{{D}}", first: 50, where: { cluster: { coordinators: { none: {} } } }) { nodes { ydernummer } }
              anyFalse: clinics(asOf: "{{D}}", first: 50, where: { cluster: { coordinators: { any: false } } }) { nodes { ydernummer } }
              all: clinics(asOf: "{{D}}", first: 50, where: { cluster: { coordinators: { all: { name: { eq: "{{DatedLinksGraph.DoctorCoordinator}}" } } } } }) { nodes { ydernummer } }
            }
            """);

        Assert.Equal(withCoordinators, Ydernumre(data.GetProperty("some")));
        Assert.Equal(withCoordinators, Ydernumre(data.GetProperty("anyTrue")));
        Assert.Equal(withoutCoordinators, Ydernumre(data.GetProperty("none")));
        Assert.Equal(withoutCoordinators, Ydernumre(data.GetProperty("anyFalse")));
        Assert.Equal(Clinics(_ => true), Ydernumre(data.GetProperty("all")));
    }

    [Fact]
    public async Task Where_CoordinatorsThroughAMissingClinic_SomeAndNoneSplitTheDoctors()
    {
        // A doctor without a clinic, or whose clinic has no cluster, has no cluster coordinators: "none" holds, "some" fails,
        // also when "some" sits in an "or" that keeps the filter on the parents' side.
        var data = await graph.DataAsync(
            $$"""
            {
              all: doctors(asOf: "{{D}}", first: 50) { nodes { lastName } }
              some: doctors(asOf: "{{D}}", first: 50, where: { clinic: { cluster: { coordinators: { some: {} } } } }) { nodes { lastName } }
              someOr: doctors(asOf: "{{D}}", first: 50, where: { clinic: { or: [{ cluster: { coordinators: { some: {} } } }, { name: { eq: "no such clinic" } }, { closedOn: { neq: null } }] } }) { nodes { lastName } }
              none: doctors(asOf: "{{D}}", first: 50, where: { clinic: { cluster: { coordinators: { none: {} } } } }) { nodes { lastName } }
            }
            """);

        var some = Names(data.GetProperty("some"));
        var none = Names(data.GetProperty("none"));
        Assert.Equal(["Future", "LaterFirst", "LaterSecond"], some);
        Assert.Equal(some, Names(data.GetProperty("someOr")));
        Assert.Equal(Names(data.GetProperty("all")), some.Concat(none).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Where_PredecessorsOfAMissingRegion_AreAnEmptyList()
    {
        // No municipality belongs to a region before the regions existed; of the regions, only some have a successor.
        var data = await graph.DataAsync(
            """
            {
              municipalities(asOf: "2006-06-01") { totalCount }
              some: municipalities(asOf: "2006-06-01", where: { region: { predecessors: { some: {} } } }) { totalCount }
              none: municipalities(asOf: "2006-06-01", where: { region: { predecessors: { none: {} } } }) { totalCount }
              noSuccessor: regions(where: { successor: { id: { eq: null } } }) { totalCount }
              successorWithoutPredecessors: regions(where: { successor: { predecessors: { none: {} } } }) { totalCount }
            }
            """);

        Assert.Equal(0, Count(data, "some"));
        Assert.Equal(Count(data, "municipalities"), Count(data, "none"));
        Assert.True(Count(data, "noSuccessor") > 0);
        Assert.Equal(Count(data, "noSuccessor"), Count(data, "successorWithoutPredecessors"));
    }

    /// <summary>The ydernumre of the clinics whose cluster on D (its name, or null) passes <paramref name="cluster"/>, in order.</summary>
    private static List<string> Clinics(Func<string?, bool> cluster) =>
        DatedLinksGraph.ClusterOnDay.Where(c => cluster(c.Value)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    private static int Count(JsonElement data, string connection) => data.GetProperty(connection).GetProperty("totalCount").GetInt32();

    private static List<string> Names(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastName").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Ydernumre(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("ydernummer").GetString()!).Order(StringComparer.Ordinal).ToList();
}
