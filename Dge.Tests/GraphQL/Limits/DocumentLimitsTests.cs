using Dge.Api.GraphQL.Limits;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>Each bound of <see cref="DocumentLimits"/>, hit by a document that keeps every other bound.</summary>
public sealed class DocumentLimitsTests
{
    private static readonly GraphQLLimitsOptions Defaults = new();

    [Fact]
    public void Check_MoreTokensThanAllowed_IsMaxTokens()
    {
        var document = "{ nodes(ids: [" + string.Concat(Enumerable.Repeat("\"x\" ", Defaults.MaxTokens)) + "]) { id } }";

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_TOKENS", error?.Code);
    }

    [Fact]
    public void Check_FragmentBomb_IsMaxFieldsWithoutExpandingIt()
    {
        var error = new DocumentLimits(Defaults).Check(HostileDocuments.FragmentBomb(60), out _);

        Assert.Equal("MAX_FIELDS", error?.Code);
    }

    [Fact]
    public void Check_AliasesExpandingBeyondTheFieldLimitThroughFragments_IsMaxFields()
    {
        // 20 × (regions, nodes and 60 fields) + 60 = 1,300 fields from under 2 KB of text.
        var error = new DocumentLimits(new GraphQLLimitsOptions { MaxFields = 1_000 }).Check(NestedAliases(60), out _);

        Assert.Equal("MAX_FIELDS", error?.Code);
    }

    [Fact]
    public void Check_FieldsExactlyAtTheLimitAfterExpansion_Pass()
    {
        // The operation selects 20 × (regions, nodes and 20 names) = 440 fields, the fragment its own 20: 460 counted.
        var document = NestedAliases(20);

        Assert.Null(new DocumentLimits(new GraphQLLimitsOptions { MaxFields = 460 }).Check(document, out var parsed));
        Assert.NotNull(parsed);
        Assert.Equal("MAX_FIELDS", new DocumentLimits(new GraphQLLimitsOptions { MaxFields = 459 }).Check(document, out _)?.Code);
    }

    [Fact]
    public void Check_DepthReachedThroughFragments_IsMaxDepth()
    {
        var document = """
            query { regions { nodes { ...M } } }
            fragment M on Region { municipalities { nodes { clinics { nodes { ...D } } } } }
            fragment D on Clinic { doctors { nodes { groups { nodes { members { nodes { doctor { clinic { doctors { nodes { lastName } } } } } } } } } } }
            """;

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_DEPTH", error?.Code);
    }

    [Fact]
    public void Check_ValueNestedBeyondTheParser_IsMaxDepthNotACrash()
    {
        var document = "{ node(id: " + new string('[', 300) + new string(']', 300) + ") { id } }";

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_DEPTH", error?.Code);
    }

    [Fact]
    public void Check_OneFieldSelectedMoreOftenThanAllowed_IsMaxAliases()
    {
        var error = new DocumentLimits(Defaults).Check(HostileDocuments.Aliases(Defaults.MaxAliasesPerField + 1, "__typename"), out _);

        Assert.Equal("MAX_ALIASES", error?.Code);
        Assert.Contains("__typename", error!.Message, StringComparison.Ordinal);
        Assert.Null(new DocumentLimits(Defaults).Check(HostileDocuments.Aliases(Defaults.MaxAliasesPerField, "__typename"), out _));
    }

    [Fact]
    public void Check_OneFieldMergedThroughFragmentsInMoreWaysThanAllowed_IsMaxAliases()
    {
        // Each fragment keeps the bound on its own; spread together they select regions in 40 different ways at one level.
        var document = "query { ...A ...B }\n"
            + "fragment A on Query { " + string.Concat(Enumerable.Range(1, 20).Select(i => $"r{i}: regions(first: {i}) {{ totalCount }} ")) + "}\n"
            + "fragment B on Query { " + string.Concat(Enumerable.Range(21, 20).Select(i => $"r{i}: regions(first: {i}) {{ totalCount }} ")) + "}\n";

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_ALIASES", error?.Code);
        Assert.Contains("regions", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ColocatedFragmentsRepeatingOneSelection_CountItOnceUpToFiveTimesTheBound()
    {
        // As Apollo Client writes them: every fragment asks for __typename (and often id) again.
        static string Fragments(int count) =>
            "query { " + string.Concat(Enumerable.Range(0, count).Select(i => $"...F{i} ")) + "}\n"
            + string.Concat(Enumerable.Range(0, count).Select(i => $"fragment F{i} on Query {{ __typename regions {{ totalCount }} }}\n"));
        var limits = new DocumentLimits(new GraphQLLimitsOptions { MaxFragments = 200 });

        Assert.Null(limits.Check(Fragments(Defaults.MaxAliasesPerField * 5), out _));
        Assert.Equal("MAX_ALIASES", limits.Check(Fragments((Defaults.MaxAliasesPerField * 5) + 1), out _)?.Code);
    }

    [Fact]
    public void Check_OneResponseNameSelectedInMoreWaysThanAllowed_IsMaxAliases()
    {
        var document = "{ " + string.Concat(Enumerable.Range(0, Defaults.MaxAliasesPerField + 1).Select(i => $"a: regions(first: {i}) {{ totalCount }} ")) + "}";

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_ALIASES", error?.Code);
    }

    [Fact]
    public void Check_MoreFragmentsThanAllowed_IsMaxFragments()
    {
        var error = new DocumentLimits(Defaults).Check(HostileDocuments.ManyFragments(Defaults.MaxFragments + 1), out _);

        Assert.Equal("MAX_FRAGMENTS", error?.Code);
    }

    [Fact]
    public void Check_MoreDirectivesOnOneFieldThanAllowed_IsMaxDirectives()
    {
        var error = new DocumentLimits(Defaults).Check(HostileDocuments.Directives(Defaults.MaxDirectivesPerLocation + 1), out _);

        Assert.Equal("MAX_DIRECTIVES", error?.Code);
        Assert.Null(new DocumentLimits(Defaults).Check(HostileDocuments.Directives(Defaults.MaxDirectivesPerLocation), out _));
    }

    [Theory]
    [InlineData("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }")]
    [InlineData("query { regions { nodes { ...R } } } fragment R on Region { municipalities { nodes { region { ...R } } } }")]
    public void Check_FragmentCycle_IsRefused(string document)
    {
        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("NO_FRAGMENT_CYCLES", error?.Code);
    }

    [Fact]
    public void Check_SameFieldMergedAcrossLevelsMoreOftenThanAllowed_IsMaxAliases()
    {
        // 20 regions, each selecting municipalities 8 times: validation and execution merge 160 municipalities into one
        // level, beyond the bound of 100 even for selections written the same way.
        var municipalities = string.Concat(Enumerable.Repeat("municipalities(first: 1) { nodes { name } } ", 8));
        var document = "{ " + string.Concat(Enumerable.Repeat($"regions(first: 1) {{ nodes {{ {municipalities} }} }} ", 20)) + "}";

        var error = new DocumentLimits(Defaults).Check(document, out _);

        Assert.Equal("MAX_ALIASES", error?.Code);
        Assert.Contains("municipalities", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SyntaxError_IsReportedWhereItIs()
    {
        var error = new DocumentLimits(Defaults).Check("{\n  regions { ", out var parsed);

        Assert.Equal("SYNTAX_ERROR", error?.Code);
        Assert.Equal(2, error!.Locations?.Single().Line);
        Assert.Null(parsed);
    }

    /// <summary>20 aliases of regions, each spreading a fragment of <paramref name="names"/> aliases of a region's fields (at most 60, 20 a field).</summary>
    private static string NestedAliases(int names) =>
        "query { " + string.Concat(Enumerable.Range(0, 20).Select(i => $"a{i}: regions {{ nodes {{ ...R }} }} ")) + "}\n"
        + "fragment R on Region { " + string.Concat(Enumerable.Range(0, names).Select(i => $"n{i}: {(i % 3 == 0 ? "name" : i % 3 == 1 ? "code" : "id")} ")) + "}";
}
