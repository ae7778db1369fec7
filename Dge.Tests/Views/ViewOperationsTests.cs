using Dge.Tests.Infrastructure;

namespace Dge.Tests.Views;

/// <summary>
/// The views' example operations answer the question they are written for (ExampleOperationsTests runs every example for errors).
/// </summary>
public sealed class ViewOperationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    [Fact]
    public async Task ClusterAlignmentExample_FindsUncoveredNynedsatteWithSuggestions()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "ClusterAlignmentLowestInRegion.graphql"));

        var data = await graph.DataAsync(query, new { regionCode = "1082", asOf = "2026-11-01" });

        var nodes = data.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(10, nodes.Count);
        Assert.Contains(nodes.SelectMany(n => n.GetProperty("uncoveredDoctors").EnumerateArray()), d => d.GetProperty("suggestions").GetArrayLength() > 0);
    }
}
