using Dge.Api.GraphQL.Limits;
using Dge.Tests.Infrastructure;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Limits;

public sealed class OperationCostTests : IClassFixture<OperationCostTests.Host>
{
    private readonly Host _host;

    public OperationCostTests(Host host) => _host = host;

    [Fact]
    public void Of_ListFilter_MultipliesByTheFanoutPerLevel()
    {
        var one = _host.Cost(HostileDocuments.NestedListFilter(1));
        var two = _host.Cost(HostileDocuments.NestedListFilter(2));
        var five = _host.Cost(HostileDocuments.NestedListFilter(5));

        var fanout = new GraphQLLimitsOptions().ListFilterFanout;
        Assert.True(two > one * (fanout / 2), $"one level {one}, two levels {two}");
        Assert.True(five > new GraphQLLimitsOptions().MaxComplexity, $"five levels cost only {five}");
    }

    [Fact]
    public void Of_FilterGivenInAVariable_CostsTheSameAsInline()
    {
        var inline = _host.Cost(HostileDocuments.NestedListFilter(2));
        var variables = new GraphQLSerializer().Deserialize<Inputs>(
            """{ "w": { "attendees": { "some": { "meetingsAttended": { "some": { "durationHours": { "gt": 100 } } } } } } }""");

        var viaVariable = _host.Cost("query($w: MeetingFilterInput) { meetings(where: $w) { totalCount } }", variables);

        Assert.Equal(inline, viaVariable);
    }

    [Fact]
    public void Of_Connection_MultipliesItsSelectionByThePageSize()
    {
        var ten = _host.Cost("{ doctors(first: 10) { nodes { lastName clinic { name } } } }");
        var hundred = _host.Cost("{ doctors(first: 100) { nodes { lastName clinic { name } } } }");

        // The connection, then per item: nodes, lastName, clinic and its name.
        Assert.Equal(1 + (10 * 4), ten);
        Assert.Equal(1 + (100 * 4), hundred);
    }

    [Fact]
    public void Of_SortThroughRelations_CostsPerRelation()
    {
        var plain = _host.Cost("{ doctors(first: 10, order: [{ lastName: ASC }]) { nodes { id } } }");
        var throughTwo = _host.Cost("{ doctors(first: 10, order: [{ clinic: { municipality: { name: ASC } } }]) { nodes { id } } }");

        var fanout = new GraphQLLimitsOptions().ListFilterFanout;
        Assert.Equal(plain + (2 * fanout), throughTwo);
    }

    [Fact]
    public void Of_SelectionUnderALeafField_CostsNothingForValidationToRefuse()
    {
        var leaf = _host.Cost("{ municipalities(first: 1) { totalCount } }");

        var underLeaf = _host.Cost("{ municipalities(first: 1) { totalCount { __typename } } }");

        Assert.Equal(leaf, underLeaf);
    }

    [Fact]
    public void Of_PageSizeInAVariable_IsRead()
    {
        var cost = _host.Cost("query($n: Int) { doctors(first: $n) { nodes { lastName } } }", new Inputs(new Dictionary<string, object?> { ["n"] = 50 }));

        Assert.Equal(1 + (50 * 2), cost);
    }

    [Fact]
    public void Of_FragmentBomb_IsPricedAboveTheLimitWithoutExpandingIt()
    {
        // 2^60 fields once expanded: priced a fragment at a time, and no further than the limit.
        var cost = _host.Cost(HostileDocuments.FragmentBomb(60));

        Assert.True(cost > new GraphQLLimitsOptions().MaxComplexity, $"cost {cost}");
    }

    [Fact]
    public void Of_Introspection_CostsTheValuesItReturns()
    {
        var full = _host.Cost(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dge.Tests", "GraphQL", "Limits", "IntrospectionQuery.graphql")));
        var typeNames = _host.Cost("{ __schema { types { name } } }");
        var types = _host.Schema.AllTypes.Count;

        Assert.True(full < new GraphQLLimitsOptions().MaxComplexity, $"the IDE's introspection costs {full}");
        Assert.True(full > 5_000, $"the IDE's introspection costs only {full}");
        Assert.Equal(1 + 1 + types, typeNames);
    }

    [Fact]
    public void Of_DeepTypeIntrospection_CostsWhatItWouldReturn()
    {
        // The input types of Query's arguments, their fields' input types, and so on five times: megabytes of answer.
        var inner = "name";
        for (var level = 0; level < 5; level++)
        {
            inner = $"name inputFields {{ name type {{ {inner} }} }}";
        }

        var one = _host.Cost($$"""{ __type(name: "Query") { fields { args { name type { {{inner}} } } } } }""");

        Assert.True(one * 20 > new GraphQLLimitsOptions().MaxComplexity, $"one costs {one}");
    }

    [Fact]
    public void Of_View_CostsByTheRowsItComputes()
    {
        var national = _host.Cost("{ coverage(by: NATIONAL) { name } }");
        var clusters = _host.Cost("{ coverage(by: CLUSTER) { name } }");
        var reform = _host.Cost("{ reformImpact { regions { name } } }");

        Assert.True(clusters > national + 100, $"national {national}, by cluster {clusters}");
        Assert.True(reform >= 1_000, $"reformImpact costs only {reform}");
    }

    [Fact]
    public void Of_EveryExampleOperation_FitsTheLimit()
    {
        var limit = new GraphQLLimitsOptions().MaxComplexity;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Operations, "*.graphql"))
        {
            var variablesFile = Path.ChangeExtension(file, ".variables.json");
            var variables = File.Exists(variablesFile) ? new GraphQLSerializer().Deserialize<Inputs>(File.ReadAllText(variablesFile)) : null;

            var cost = _host.Cost(File.ReadAllText(file), variables);

            Assert.True(cost is > 0 && cost < limit, $"{Path.GetFileName(file)} costs {cost}");
        }
    }

    [Fact]
    public void Of_EmptyOperationName_IsNoNameAndCostsTheOnlyOperation()
    {
        var document = HostileDocuments.NestedListFilter(3);

        var unnamed = _host.Cost(document);
        var empty = _host.Cost(document, operationName: "");

        Assert.Equal(unnamed, empty);
        Assert.True(empty > new GraphQLLimitsOptions().MaxComplexity);
    }

    [Fact]
    public void Of_NameSelectingNoOperation_CostsTheDearestOperation()
    {
        var document = "query Cheap { __typename } query Dear " + HostileDocuments.NestedListFilter(3);

        var cost = _host.Cost(document, operationName: "NoSuchOperation");

        Assert.Equal(_host.Cost(document, operationName: "Dear"), cost);
    }

    [Fact]
    public void Of_SingleIdForTheIdsList_CostsAsAListOfOne()
    {
        const string Selection = "{ ... on Doctor { meetingsAttended(first: 100) { nodes { attendees(first: 100) { nodes { lastName } } } } } }";

        var single = _host.Cost($"{{ nodes(ids: \"RG9jdG9yOjE=\") {Selection} }}");
        var list = _host.Cost($"{{ nodes(ids: [\"RG9jdG9yOjE=\"]) {Selection} }}");

        Assert.Equal(list, single);
        Assert.True(single > 10_000, $"cost {single}");
    }

    [Theory]
    [InlineData("query { ...F } fragment F on NoSuchType { __typename name }")]
    [InlineData("{ node(id: \"x\") { ... on NoSuchType { __typename } ... on Doctor { __typename lastName } } }")]
    [InlineData("{ noSuchField { __typename deeper { __typename } } }")]
    [InlineData("mutation { __typename }")]
    [InlineData("subscription { __typename }")]
    public void Of_TypesAndFieldsTheSchemaDoesNotHave_CostWhatIsKnownWithoutFailing(string document)
    {
        var cost = _host.Cost(document);

        Assert.True(cost >= 0);
    }

    /// <summary>The host's schema and the national database's volumes, shared by the tests of this class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private DgeAppFactory _factory = null!;
        private OperationCost _cost = null!;

        public ISchema Schema { get; private set; } = null!;

        public double Cost(string document, Inputs? variables = null, string? operationName = null) => _cost.Of(Parser.Parse(document), operationName, variables);

        public async Task InitializeAsync()
        {
            _factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
            await _factory.CreateReadyClientAsync();
            var volume = _factory.Services.GetRequiredService<DataVolume>();
            await volume.RefreshAsync(CancellationToken.None);
            Schema = _factory.Services.GetRequiredService<ISchema>();
            _cost = new OperationCost(Schema, new GraphQLLimitsOptions(), volume);
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();
    }
}
