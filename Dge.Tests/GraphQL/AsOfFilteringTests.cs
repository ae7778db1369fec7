using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL;

/// <summary>Filters and sorts through dated relations read them on the connection's asOf, as the fields do.</summary>
public sealed class AsOfFilteringTests(DanishDoctorsGraph graph) : IClassFixture<DanishDoctorsGraph>
{
    private const string BeforeTheMove = "2023-06-01";

    [Fact]
    public async Task Where_ClinicAsOfADayBeforeAMove_MatchesTheClinicOfThatDay()
    {
        var data = await graph.DataAsync(
            $$"""{ doctors(asOf: "{{BeforeTheMove}}", where: { clinic: { ydernummer: { eq: "{{DanishDoctorsGraph.FormerClinic}}" } } }) { nodes { lastName clinic(asOf: "{{BeforeTheMove}}") { ydernummer } } } }""");

        var doctor = Assert.Single(data.GetProperty("doctors").GetProperty("nodes").EnumerateArray());
        Assert.Equal(DanishDoctorsGraph.Mover, doctor.GetProperty("lastName").GetString());
        Assert.Equal(DanishDoctorsGraph.FormerClinic, doctor.GetProperty("clinic").GetProperty("ydernummer").GetString());
    }

    [Fact]
    public async Task Where_ClinicWithoutAsOf_MatchesTodaysClinic()
    {
        var data = await graph.DataAsync(
            $$"""{ former: doctors(where: { clinic: { ydernummer: { eq: "{{DanishDoctorsGraph.FormerClinic}}" } } }) { totalCount } current: doctors(where: { clinic: { ydernummer: { eq: "{{DanishDoctorsGraph.CurrentClinic}}" } } }) { totalCount } }""");

        Assert.Equal(0, data.GetProperty("former").GetProperty("totalCount").GetInt32());
        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder.Count, data.GetProperty("current").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_ClinicConditionAMissingClinicMeets_MatchesTheDoctorsWithoutAClinicToo()
    {
        // Before the move only the mover has a clinic. A condition that a missing clinic meets (a null field, "not that
        // clinic") keeps the doctors without one, as it reads on a null clinic; one that it cannot meet leaves them out.
        var data = await graph.DataAsync(
            $$"""
            {
              all: doctors(asOf: "{{BeforeTheMove}}") { totalCount }
              notClosed: doctors(asOf: "{{BeforeTheMove}}", where: { clinic: { closedOn: { eq: null } } }) { totalCount }
              notFormer: doctors(asOf: "{{BeforeTheMove}}", first: 50, where: { clinic: { ydernummer: { neq: "{{DanishDoctorsGraph.FormerClinic}}" } } }) { nodes { lastName } }
              former: doctors(asOf: "{{BeforeTheMove}}", where: { clinic: { ydernummer: { in: ["{{DanishDoctorsGraph.FormerClinic}}"] } } }) { nodes { lastName } }
              eitherOr: doctors(asOf: "{{BeforeTheMove}}", where: { or: [{ clinic: { ydernummer: { eq: "{{DanishDoctorsGraph.FormerClinic}}" } } }, { clinic: { name: { eq: null } } }] }) { totalCount }
            }
            """);

        var all = data.GetProperty("all").GetProperty("totalCount").GetInt32();
        Assert.Equal(all, data.GetProperty("notClosed").GetProperty("totalCount").GetInt32());
        Assert.Equal(all, data.GetProperty("eitherOr").GetProperty("totalCount").GetInt32());
        var notFormer = DanishDoctorsGraph.LastNames(data.GetProperty("notFormer"));
        Assert.Equal(all - 1, notFormer.Count);
        Assert.DoesNotContain(DanishDoctorsGraph.Mover, notFormer);
        Assert.Equal([DanishDoctorsGraph.Mover], DanishDoctorsGraph.LastNames(data.GetProperty("former")));
    }

    [Fact]
    public async Task Order_ThroughClinicAsOfADay_SortsByTheClinicOfThatDay()
    {
        // Before the move only the mover has a clinic; the others have none, and no clinic sorts first.
        var data = await graph.DataAsync(
            $$"""{ doctors(asOf: "{{BeforeTheMove}}", first: 1, order: [{ clinic: { name: DESC } }]) { nodes { lastName } } }""");

        Assert.Equal([DanishDoctorsGraph.Mover], DanishDoctorsGraph.LastNames(data.GetProperty("doctors")));
    }

    [Fact]
    public async Task Where_NestedDatedConnection_UsesThatConnectionsAsOf()
    {
        var data = await graph.DataAsync(
            $$"""{ clinicByYdernummer(ydernummer: "{{DanishDoctorsGraph.FormerClinic}}") { doctors(asOf: "{{BeforeTheMove}}", where: { clinic: { ydernummer: { eq: "{{DanishDoctorsGraph.FormerClinic}}" } } }) { nodes { lastName } } } }""");

        Assert.Equal([DanishDoctorsGraph.Mover], DanishDoctorsGraph.LastNames(data.GetProperty("clinicByYdernummer").GetProperty("doctors")));
    }

    [Fact]
    public async Task Where_SomeOfADatedConnection_UsesTheItemsActiveOnAsOf()
    {
        var query = """
            query($asOf: Date) { clinics(asOf: $asOf, where: { doctors: { some: { lastName: { eq: "Ærø" } } } }) { nodes { ydernummer } } }
            """;

        var before = await graph.DataAsync(query, new { asOf = BeforeTheMove });
        var today = await graph.DataAsync(query);

        Assert.Equal([DanishDoctorsGraph.FormerClinic], Ydernumre(before));
        Assert.Equal([DanishDoctorsGraph.CurrentClinic], Ydernumre(today));
    }

    private static List<string> Ydernumre(System.Text.Json.JsonElement data) =>
        data.GetProperty("clinics").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("ydernummer").GetString()!).ToList();
}
