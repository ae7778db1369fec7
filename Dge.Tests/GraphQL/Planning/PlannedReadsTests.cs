using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Planning;
using Dge.Tests.Infrastructure;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Planning;

/// <summary>
/// A planned read answers byte for byte what the normal path answers, over the national data, for the trusted documents
/// and for documents written here to reach each part of the planner; what it does not know, it leaves to the normal path.
/// The planner plans SQLite only (PostgreSQL runs the normal way), so these run on SQLite in every pass of the suite.
/// </summary>
public sealed class PlannedReadsTests(SqliteNationalGraph graph) : IClassFixture<SqliteNationalGraph>
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private static readonly GraphQLSerializer Serializer = new(options => options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    [Fact]
    public async Task TrustedDocument_AskedAgain_IsAnsweredFromItsPlanWithTheSameBytes()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.graphql"));
        var variables = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.variables.json"));
        var planned = graph.Services.GetRequiredService<PlannedReads>();

        var first = await RunAsync(query, variables);
        var served = planned.Served;
        var second = await RunAsync(query, variables);
        var normal = await RunAsync(query + "\n", variables);

        Assert.Equal(served + 1, planned.Served);
        Assert.Equal(normal, second);
        Assert.Equal(first, second);
        Assert.Contains("\"nodes\":[{", second, StringComparison.Ordinal);
    }

    /// <summary>Which trusted documents the planner takes: at least the doctors by ydernummer, not what it does not know yet.</summary>
    [Fact]
    public void TrustedDocuments_Planned_AreTheOnesItKnows()
    {
        var planned = TrustedQueries().Where(d => Plan(d.Text) is not null).Select(d => d.Name).ToList();

        Assert.Contains("DoctorsByYdernummer", planned);
        Assert.Contains("ClusterWithClinicsAndDoctors", planned);
        Assert.Contains("GroupWithMembersAndLastMeetings", planned);
        Assert.Contains("NewGpsInRegionPaged", planned);
    }

    /// <summary>
    /// Every trusted query with a plan, with its example variables where it has them, both ways, for a caller with the role
    /// the plan needs (personal data), if any.
    /// </summary>
    [Fact]
    public async Task TrustedDocuments_WithPlans_AnswerAsTheNormalPath()
    {
        var compared = 0;
        foreach (var document in TrustedQueries())
        {
            if (Plan(document.Text) is not { } plan)
            {
                continue;
            }

            var variablesPath = Path.Combine(RepositoryPaths.Operations, document.Name + ".variables.json");
            var variables = File.Exists(variablesPath) ? await File.ReadAllTextAsync(variablesPath) : "{}";
            await AssertSameAsync(document.Text, variables, plan.RequiredRoles.Count == 0 ? null : TestPrincipals.WithRole(plan.RequiredRoles.Single()));
            compared++;
        }

        Assert.True(compared > 0);
    }

    /// <summary>The doctors of many clinics, on many days (past, future, the edges of the accepted range), both ways.</summary>
    [Fact]
    public async Task DoctorsByYdernummer_ManyClinicsAndDays_AnswerAsTheNormalPath()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.graphql"));
        List<string> ydernumre;
        await using (var db = graph.OpenDb())
        {
            ydernumre = await db.Clinics.OrderBy(c => c.Id).Select(c => c.Ydernummer).Take(400).ToListAsync();
        }

        string?[] days = [null, "2010-06-01", "2020-01-01", "2024-11-01", "2030-01-01", "1900-01-01", "2999-12-31"];
        var random = new Random(20261205);
        for (var i = 0; i < 60; i++)
        {
            var ydernummer = i == 0 ? "no such clinic" : ydernumre[random.Next(ydernumre.Count)];
            var day = days[i % days.Length];
            await AssertSameAsync(query, JsonSerializer.Serialize(new { ydernummer, asOf = day }));
        }
    }

    /// <summary>Values the plan does not bind (a missing variable, a day out of range, a malformed date) run the normal way, errors and all.</summary>
    [Theory]
    [InlineData("""{"asOf":"2020-01-01"}""")]
    [InlineData("""{"ydernummer":null}""")]
    [InlineData("""{"ydernummer":"946894","asOf":"1800-01-01"}""")]
    [InlineData("""{"ydernummer":"946894","asOf":"not a date"}""")]
    [InlineData("""{"ydernummer":7}""")]
    public async Task DoctorsByYdernummer_ValuesNotPlanned_RunTheNormalWay(string variables)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.graphql"));
        Assert.NotNull(Plan(query));

        var planned = await PlannedAsync(query, variables);

        Assert.Null(planned);
        Assert.Contains("\"errors\"", await RunAsync(query, variables), StringComparison.Ordinal);
    }

    /// <summary>Text longer than a filter takes is the normal path's INVALID_FILTER, from a variable and from a literal (review of 2026-12-06).</summary>
    [Fact]
    public async Task FilterText_LongerThanAFilterTakes_RunsTheNormalWay()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.graphql"));
        var tooLong = new string('x', Dge.Api.GraphQL.Filtering.FilterBuilder.MaxStringLength + 1);
        var variables = JsonSerializer.Serialize(new { ydernummer = tooLong });

        Assert.Null(await PlannedAsync(query, variables));
        Assert.Contains("INVALID_FILTER", await RunAsync(query, variables), StringComparison.Ordinal);
        Assert.NotNull(await PlannedAsync(query, JsonSerializer.Serialize(new { ydernummer = tooLong[1..] })));
        Assert.Null(Plan($$"""{ doctors(where: { lastName: { eq: "{{tooLong}}" } }) { nodes { lastName } } }"""));
    }

    /// <summary>
    /// A planned read makes one statement per level (four for the doctors by ydernummer, against the normal path's five);
    /// one the plan cannot bind sends the request the normal way before any statement, so nothing is read twice.
    /// </summary>
    [Fact]
    public async Task PlannedRead_Statements_OnePerLevelAndNoneBeforeAFallback()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.graphql"));
        var variables = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "DoctorsByYdernummer.variables.json"));
        const string outOfRange = """{"ydernummer":"946894","asOf":"1800-01-01"}""";
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite), configureServices: services => services.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();
        await SchemaExecution.ExecuteAsync(factory.Services, query, Serializer.Deserialize<Inputs>(variables));

        async Task<int> CountAsync(string text, string values)
        {
            counter.Reset();
            await SchemaExecution.ExecuteAsync(factory.Services, text, Serializer.Deserialize<Inputs>(values));
            return counter.Count;
        }

        Assert.Equal(4, Plan(query)!.Statements);
        Assert.Equal(4, await CountAsync(query, variables));
        Assert.Equal(5, await CountAsync(query + "\n", variables));
        Assert.Equal(await CountAsync(query + "\n", outOfRange), await CountAsync(query, outOfRange));
    }

    /// <summary>A planned read stops when its token fires, as the normal path does: the caller sees the cancellation.</summary>
    [Fact]
    public async Task PlannedRead_Cancelled_StopsWithTheCancellation()
    {
        const string query = """{ doctors(first: 100, order: [{ lastName: ASC }]) { totalCount nodes { lastName groups { nodes { name } } } } }""";
        var plan = Plan(query)!;
        var operation = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().Single();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            graph.Services.GetRequiredService<PlannedReads>().RunAsync(plan, operation, null, Anonymous, cancelled.Token));
    }

    /// <summary>Documents that reach each part of the planner: filters through relations, orders, pages, nested connections.</summary>
    [Theory]
    [InlineData("""{ regions(order: [{ name: DESC }]) { totalCount nodes { id code name } } }""", "{}")]
    [InlineData("""query($c: String!) { municipalities(where: { code: { eq: $c } }) { nodes { name code } } }""", """{"c":"0101"}""")]
    [InlineData("""{ clinics(first: 30, order: [{ name: ASC }], where: { isTutorPractice: { eq: true }, municipality: { code: { eq: "0751" } } }) { totalCount nodes { ydernummer name municipality { name } doctors(first: 3) { totalCount nodes { firstName lastName phase } } } } }""", "{}")]
    [InlineData("""query($d: Date!) { doctors(first: 50, where: { establishedOn: { gte: $d }, phase: { eq: GP } }, order: [{ establishedOn: DESC }, { firstName: ASC }]) { totalCount nodes { id establishedOn retiredOn clinic(asOf: "2023-03-01") { name } } } }""", """{"d":"2024-01-01"}""")]
    [InlineData("""{ doctors(first: 100, where: { clinic: { municipality: { code: { eq: "0751" } } } }) { nodes { lastName a: clinic { ydernummer } groups(asOf: "2022-01-01", first: 2) { totalCount nodes { name kind } } } } }""", "{}")]
    [InlineData("""{ groups(first: 40, order: [{ name: ASC }]) { nodes { name kind foundedOn kapUnit { name } } } }""", "{}")]
    [InlineData("""{ municipalities(first: 100, order: [{ name: ASC }]) { nodes { code clinics { totalCount } c: clinics(first: 1) { nodes { name } } } } }""", "{}")]
    [InlineData("""{ qualityClusters(first: 20) { totalCount nodes { name region { name } clinics(first: 4) { totalCount nodes { ydernummer doctors(first: 2) { nodes { lastName } } } } } } }""", "{}")]
    [InlineData("""{ doctors(first: 100, order: [{ retiredOn: DESC }, { establishedOn: ASC }, { lastName: DESC }]) { nodes { retiredOn establishedOn lastName } } }""", "{}")]
    public async Task Documents_ReachingEachPartOfThePlanner_AnswerAsTheNormalPath(string query, string variables)
    {
        Assert.NotNull(Plan(query));
        await AssertSameAsync(query, variables);
    }

    /// <summary>Nested orders (text, enums by name, through a to-one relation), both ways.</summary>
    [Theory]
    [InlineData("""{ groups(first: 30, order: [{ kind: DESC }, { name: ASC }]) { nodes { name kind members(first: 20, order: [{ role: ASC }, { doctor: { lastName: ASC } }]) { totalCount nodes { role from doctor { firstName lastName } } } } } }""")]
    [InlineData("""{ clinics(first: 25, order: [{ type: ASC }, { municipality: { name: DESC } }]) { nodes { name type doctors(first: 5, order: [{ phase: DESC }, { firstName: ASC }]) { nodes { firstName phase } } } } }""")]
    public async Task Documents_WithNestedOrders_AnswerAsTheNormalPath(string query)
    {
        Assert.NotNull(Plan(query));
        await AssertSameAsync(query, "{}");
    }

    /// <summary>
    /// The paged list, page after page to the end with the plan's own cursors, for several regions and dates: every page
    /// (cursors, pageInfo, total) as the normal path answers it, and each cursor taking both ways to the same next page.
    /// </summary>
    [Theory]
    [InlineData("1084", "2015-01-01")]
    [InlineData("1085", "2020-06-01")]
    [InlineData("1081", "2023-01-01")]
    [InlineData("1083", "2999-01-01")]
    public async Task NewGpsInRegionPaged_PagedToTheEnd_AnswersAsTheNormalPath(string regionCode, string since)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "NewGpsInRegionPaged.graphql"));
        string? after = null;
        var pages = 0;
        while (true)
        {
            var variables = JsonSerializer.Serialize(new { regionCode, since, after });
            await AssertSameAsync(query, variables);
            using var page = JsonDocument.Parse((await PlannedAsync(query, variables))!);
            var doctors = page.RootElement.GetProperty("data").GetProperty("doctors");
            pages++;
            if (!doctors.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                Assert.Equal(doctors.GetProperty("totalCount").GetInt32(), ((pages - 1) * 25) + doctors.GetProperty("edges").GetArrayLength());
                break;
            }

            after = doctors.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.True(pages > 1 || since == "2999-01-01", $"{regionCode} since {since} has one page only: the walk proves little");
    }

    /// <summary>
    /// Cursors the plan cannot use (not a cursor, another order's, another connection's) run the normal way and get its
    /// INVALID_PAGING; a cursor past the end is planned, and counts its total as the normal path does.
    /// </summary>
    [Fact]
    public async Task NewGpsInRegionPaged_Cursors_PastTheEndPlannedOthersRunTheNormalWay()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "NewGpsInRegionPaged.graphql"));
        string Variables(string after) => JsonSerializer.Serialize(new { regionCode = "1084", since = "2015-01-01", after });
        static string Cursor(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        using var first = JsonDocument.Parse((await PlannedAsync(query, Variables(null!)))!);
        var endCursor = first.RootElement.GetProperty("data").GetProperty("doctors").GetProperty("pageInfo").GetProperty("endCursor").GetString()!;
        var prefix = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(endCursor))[..^"24".Length];

        var pastTheEnd = Variables(Cursor(prefix + "999999"));
        await AssertSameAsync(query, pastTheEnd);
        Assert.Contains("\"edges\":[]", (await PlannedAsync(query, pastTheEnd))!, StringComparison.Ordinal);

        var otherOrder = Cursor("Query.doctors:0000000000000000:3");
        var otherConnection = Cursor(prefix.Replace("Query.doctors", "Clinic.doctors", StringComparison.Ordinal) + "3");
        foreach (var after in new[] { "not a cursor", otherOrder, otherConnection, Cursor(prefix + "-1"), Cursor(prefix + "99999999999") })
        {
            Assert.Null(await PlannedAsync(query, Variables(after)));
            Assert.Contains("INVALID_PAGING", await RunAsync(query, Variables(after)), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The group page (members, the last meetings read from the end, their themes, attendance counts, durations) for many
    /// groups, both ways, for a Reader (the advisor's e-mail is personal data).
    /// </summary>
    [Fact]
    public async Task GroupWithMembersAndLastMeetings_ManyGroups_AnswerAsTheNormalPath()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "GroupWithMembersAndLastMeetings.graphql"));
        List<string> names;
        await using (var db = graph.OpenDb())
        {
            names = await db.Groups.OrderBy(g => g.Id).Select(g => g.Name).ToListAsync();
        }

        var random = new Random(20261206);
        var reader = TestPrincipals.WithRole(Dge.Api.Access.Roles.Reader);
        for (var i = 0; i < 40; i++)
        {
            var name = i == 0 ? "no such group" : names[random.Next(names.Count)];
            await AssertSameAsync(query, JsonSerializer.Serialize(new { name }), reader);
        }
    }

    /// <summary>Nested pages read from the end (<c>last</c>), with cursors and page info, and counts alone, both ways.</summary>
    [Theory]
    [InlineData("""{ groups(first: 30, order: [{ name: ASC }]) { nodes { name meetings(last: 3, order: [{ date: DESC }]) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { date durationHours attendees { totalCount } } } } } } }""")]
    [InlineData("""{ groups(first: 50) { nodes { m: meetings(last: 100) { nodes { date } } members(last: 2, order: [{ from: ASC }]) { edges { cursor node { role } } } } } }""")]
    [InlineData("""{ clinics(first: 40) { nodes { doctors { totalCount } all: doctors(asOf: "2010-01-01") { totalCount } } } }""")]
    public async Task Documents_WithNestedLastAndCounts_AnswerAsTheNormalPath(string query)
    {
        Assert.NotNull(Plan(query));
        await AssertSameAsync(query, "{}");
    }

    /// <summary>Edges, cursors and page info at the root and in nested connections (with and without an order), both ways.</summary>
    [Theory]
    [InlineData("""{ clinics(first: 7, order: [{ name: DESC }]) { pageInfo { endCursor hasPreviousPage startCursor hasNextPage } e: edges { node { name doctors(first: 2, order: [{ lastName: ASC }]) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { c: cursor node { lastName } cursor } } } cursor } } }""", "{}")]
    [InlineData("""query($after: String) { regions(after: $after, first: 2) { edges { cursor node { name municipalities(first: 3) { edges { cursor } pageInfo { endCursor } } } } pageInfo { hasNextPage } } }""", """{"after":"UXVlcnkucmVnaW9uczo3NDIzNGU5OGFmZTc0OThmOjA="}""")]
    [InlineData("""{ groups(first: 3, after: "UXVlcnkuZ3JvdXBzOjc0MjM0ZTk4YWZlNzQ5OGY6NA==") { totalCount pageInfo { hasPreviousPage startCursor } nodes { name } } }""", "{}")]
    [InlineData("""{ doctors(first: 1) { pageInfo { hasNextPage endCursor } } }""", "{}")]
    [InlineData("""{ doctors(first: 4) { edges { cursor } nodes { lastName } } }""", "{}")]
    public async Task Documents_WithEdgesAndPageInfo_AnswerAsTheNormalPath(string query, string variables)
    {
        Assert.NotNull(Plan(query));
        await AssertSameAsync(query, variables);
    }

    /// <summary>
    /// A plan that shows personal data runs only for a caller with the role it needs, and answers what the normal path
    /// answers that caller; anyone else is answered by the normal path, with its access errors.
    /// </summary>
    [Fact]
    public async Task Plan_ShowingPersonalData_RunsOnlyForAReader()
    {
        const string query = """{ groups(first: 10, order: [{ name: ASC }]) { nodes { name advisor { name email } } } }""";
        var plan = Plan(query);
        Assert.NotNull(plan);
        Assert.Contains(Dge.Api.Access.Roles.Reader, plan!.RequiredRoles);

        await AssertSameAsync(query, "{}", TestPrincipals.WithRole(Dge.Api.Access.Roles.Reader));
        Assert.Null(await PlannedAsync(query, "{}"));
        Assert.Contains("AUTH_NOT_AUTHORIZED", await RunAsync(query, "{}"), StringComparison.Ordinal);
    }

    /// <summary>What the planner does not know, it does not plan: the normal path answers, with its access rules and errors.</summary>
    [Theory]
    [InlineData("""{ doctors { nodes { ...F } } } fragment F on Doctor { lastName }""")]
    [InlineData("""{ doctors { nodes { lastName @include(if: true) } } }""")]
    [InlineData("""{ doctors { pageInfo { hasNextPage __typename } nodes { lastName } } }""")]
    [InlineData("""{ doctors { edges { node { lastName } } nodes { firstName } } }""")] // two selections of the items
    [InlineData("""query($a: String!) { doctors(after: $a) { nodes { lastName } } }""")] // a cursor the normal path requires
    [InlineData("""{ doctors(last: 3) { nodes { lastName } } }""")]
    [InlineData("""{ doctors(before: "MA==") { nodes { lastName } } }""")]
    [InlineData("""{ clinics { nodes { doctors(after: "MA==") { nodes { lastName } } } } }""")]
    [InlineData("""{ clinics { nodes { doctors(first: 2, last: 2) { nodes { lastName } } } } }""")]
    [InlineData("""{ doctors(where: { or: [{ lastName: { eq: "x" } }] }) { nodes { lastName } } }""")]
    [InlineData("""{ doctors(where: { lastName: { neq: "x" } }) { nodes { lastName } } }""")]
    [InlineData("""{ doctors(order: [{ clinic: { name: ASC } }]) { nodes { lastName } } }""")] // through dated links
    [InlineData("""{ doctors { nodes { lastName version } } }""")]
    [InlineData("""{ doctors { nodes { lastName } } regions { nodes { name } } }""")]
    [InlineData("""{ doctors { nodes { a: lastName a: firstName } } }""")]
    [InlineData("""query($n: String) { doctors(where: { lastName: { eq: $n } }) { nodes { lastName } } }""")]
    [InlineData("""mutation { __typename }""")]
    public void Documents_ThePlannerDoesNotKnow_AreNotPlanned(string query)
    {
        Assert.Null(Plan(query));
    }

    private IEnumerable<TrustedDocument> TrustedQueries() =>
        graph.Services.GetRequiredService<TrustedDocumentRegistry>().Documents
            .Where(d => Parser.Parse(d.Text).Definitions.OfType<GraphQLOperationDefinition>().Single().Operation == OperationType.Query);

    private ReadPlan? Plan(string query)
    {
        var schema = graph.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        using var db = graph.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContext();
        return ReadPlanner.Plan(Parser.Parse(query), null, schema, graph.Services.GetRequiredService<ModelRegistry>(), db);
    }

    /// <summary>The plan's answer, serialized as the endpoint does; null when the plan does not apply to the values.</summary>
    private async Task<string?> PlannedAsync(string query, string variables, ClaimsPrincipal? user = null)
    {
        var plan = Plan(query) ?? throw new InvalidOperationException($"Not planned: {query}");
        var operation = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().Single();
        var result = await graph.Services.GetRequiredService<PlannedReads>().RunAsync(plan, operation, Serializer.Deserialize<Inputs>(variables), user ?? Anonymous, CancellationToken.None);
        return result is null ? null : Serializer.Serialize(result);
    }

    /// <summary>The normal path's answer (for a text that is not trusted) or the planned one (for a trusted text seen before).</summary>
    private async Task<string> RunAsync(string query, string variables, ClaimsPrincipal? user = null)
    {
        var json = await SchemaExecution.ExecuteAsync(graph.Services, query, Serializer.Deserialize<Inputs>(variables), user ?? Anonymous);
        return json.GetRawText();
    }

    private async Task AssertSameAsync(string query, string variables, ClaimsPrincipal? user = null)
    {
        var planned = await PlannedAsync(query, variables, user);
        var normal = await RunAsync(query + "\n", variables, user);

        Assert.NotNull(planned);
        Assert.DoesNotContain("\"errors\"", normal, StringComparison.Ordinal);
        Assert.Equal(normal, planned);
    }
}
