using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Views;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Clusters;

public sealed class CurrentClusterTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private static readonly DateOnly March = new(2025, 3, 1);

    /// <summary>A seeded clinic that moved between clusters with a doctor working there around the move, and the clusters it left and joined.</summary>
    private async Task<(int Clinic, int Doctor, DateOnly Moved, int Left, int Joined)> MovedClinicAsync()
    {
        await using var db = graph.OpenDb();
        var moves = await (
            from left in db.ClusterClinicMemberships.AsNoTracking()
            join joined in db.ClusterClinicMemberships.AsNoTracking() on left.ClinicId equals joined.ClinicId
            where left.To == joined.From && left.ClusterId != joined.ClusterId
            orderby left.ClinicId
            select new { left.ClinicId, Moved = joined.From, Left = left.ClusterId, Joined = joined.ClusterId }).ToListAsync();
        foreach (var move in moves)
        {
            var before = ViewSources.ActiveDoctors(db, move.Moved.AddDays(-1)).Where(d => d.ClinicId == move.ClinicId).Select(d => d.DoctorId);
            var doctor = await ViewSources.ActiveDoctors(db, move.Moved).Where(d => d.ClinicId == move.ClinicId && before.Contains(d.DoctorId))
                .OrderBy(d => d.DoctorId).Select(d => (int?)d.DoctorId).FirstOrDefaultAsync();
            if (doctor is { } id)
            {
                return (move.ClinicId, id, move.Moved, move.Left, move.Joined);
            }
        }

        throw new InvalidOperationException("The seed has no clinic that moved cluster with a doctor staying through the move.");
    }

    private async Task<int?> ClusterFieldAsync(int clinic, DateOnly asOf)
    {
        var data = await graph.DataAsync(
            "query($id: ID!, $asOf: Date) { node(id: $id) { ... on Clinic { cluster(asOf: $asOf) { id } } } }",
            new { id = NodeId.Encode("Clinic", clinic), asOf = asOf.ToString("yyyy-MM-dd") });
        var cluster = data.GetProperty("node").GetProperty("cluster");
        return cluster.ValueKind == System.Text.Json.JsonValueKind.Null ? null : NodeId.KeyOf(cluster.GetProperty("id").GetString()!, "QualityCluster");
    }

    /// <summary>The cluster the views place the doctor's employment in the clinic in.</summary>
    private async Task<int?> ViewClusterAsync(int doctor, int clinic, DateOnly day)
    {
        await using var db = graph.OpenDb();
        return await ViewSources.ActiveDoctors(db, day).Where(d => d.DoctorId == doctor && d.ClinicId == clinic).Select(d => d.ClusterId).FirstAsync();
    }

    private static ClusterClinicMembership Membership(int id, int clusterId, DateOnly from, DateOnly? to = null) =>
        new() { Id = id, ClusterId = clusterId, From = from, To = to };

    private static int? ClusterOf(DateOnly day, params ClusterClinicMembership[] memberships) =>
        CurrentCluster.Of<Clinic, int?>(c => c.ClusterMemberships, m => m.ClusterId, day).Compile()(new Clinic { Name = "Klinikken", Address = "Vejen 1", Ydernummer = "123456", ClusterMemberships = [.. memberships] });

    [Fact]
    public async Task ClusterField_DayBeforeTheMove_IsTheClusterLeft()
    {
        var move = await MovedClinicAsync();

        var cluster = await ClusterFieldAsync(move.Clinic, move.Moved.AddDays(-1));

        Assert.Equal(move.Left, cluster);
    }

    [Fact]
    public async Task ClusterField_MoveDay_IsTheClusterJoined()
    {
        var move = await MovedClinicAsync();

        var cluster = await ClusterFieldAsync(move.Clinic, move.Moved);

        Assert.Equal(move.Joined, cluster);
    }

    [Fact]
    public async Task ActiveDoctors_DoctorOfAMovedClinic_ArePlacedInTheClusterOfEachDay()
    {
        var move = await MovedClinicAsync();

        var before = await ViewClusterAsync(move.Doctor, move.Clinic, move.Moved.AddDays(-1));
        var on = await ViewClusterAsync(move.Doctor, move.Clinic, move.Moved);

        Assert.Equal((move.Left, move.Joined), (before, on));
    }

    [Fact]
    public void Of_OverlappingMemberships_TheLatestFromWins()
    {
        var cluster = ClusterOf(March.AddDays(10), Membership(1, 10, March), Membership(2, 20, March.AddDays(5)));

        Assert.Equal(20, cluster);
    }

    [Fact]
    public void Of_MembershipsFromTheSameDay_TheLowestIdWins()
    {
        var cluster = ClusterOf(March, Membership(2, 20, March), Membership(1, 10, March));

        Assert.Equal(10, cluster);
    }

    [Fact]
    public void Of_NoMembershipActiveOnTheDay_IsNull()
    {
        var cluster = ClusterOf(March.AddDays(1), Membership(1, 10, March.AddDays(-5), March.AddDays(1)), Membership(2, 20, March.AddDays(2)));

        Assert.Null(cluster);
    }
}
