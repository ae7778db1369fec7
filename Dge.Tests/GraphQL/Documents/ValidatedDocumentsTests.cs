using Dge.Api.GraphQL.Documents;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Documents;

/// <summary>A validated document is kept by its text and runs again without the schema rules; what depends on the request still runs.</summary>
public sealed class ValidatedDocumentsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string ByCode = "query($code: String!) { regions(where: { code: { eq: $code } }) { nodes { code name } } }";

    [Fact]
    public async Task Execute_KeptDocumentWithAVariableOfTheWrongType_IsStillRefused()
    {
        var kept = await graph.DataAsync(ByCode, new { code = "1084" });
        var refused = await graph.ErrorsAsync(ByCode, new { code = new[] { 1, 2 } });

        Assert.Equal("1084", kept.GetProperty("regions").GetProperty("nodes")[0].GetProperty("code").GetString());
        Assert.NotNull(graph.Services.GetRequiredService<ValidatedDocuments>().Find(ByCode));
        Assert.Contains("$code", refused[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_InvalidDocument_IsNotKeptAndIsRefusedEachTime()
    {
        const string Invalid = "{ regions { nodes { noSuchField } } }";

        var first = await graph.ErrorsAsync(Invalid);
        var second = await graph.ErrorsAsync(Invalid);

        Assert.Null(graph.Services.GetRequiredService<ValidatedDocuments>().Find(Invalid));
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Contains("noSuchField", second[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
