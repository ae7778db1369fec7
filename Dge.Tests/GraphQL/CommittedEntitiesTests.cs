using System.Linq.Expressions;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Audit;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Api.KapUnits;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dge.Tests.GraphQL;

/// <summary>
/// A mutation's payload answers a plain to-one relation of what it returns from its own committed transaction
/// (<see cref="CommittedEntities"/>): no statement after the commit, the same answer as a read, and never from a
/// transaction that was rolled back.
/// </summary>
public sealed class CommittedEntitiesTests
{
    private const string CreateGroup = """
        mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id SELECTION } errors { __typename } } }
        """;

    private const string ReadGroup = """
        query($id: ID!) { node(id: $id) { ... on DgeGroup { id SELECTION } } }
        """;

    [Theory]
    [InlineData("kapUnit { id code name version } advisor { id name role }", true, 0)]
    [InlineData("kapUnit { code region { code name } } advisor { name }", true, 1)]
    [InlineData("kapUnit { id name } advisor { id name }", false, 0)]
    public async Task CreateGroup_PayloadsReferences_ComeFromTheTransactionAndMatchARead(string selection, bool withAdvisor, int statementsAfterTheCommit)
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(), configureServices: services => services.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();
        var (kapUnit, advisor) = await ScopeAsync(factory.Services);

        counter.Reset();
        var created = await SchemaExecution.ExecuteAsync(
            factory.Services,
            CreateGroup.Replace("SELECTION", selection, StringComparison.Ordinal),
            Mutating.Inputs(new
            {
                input = new
                {
                    name = "Gruppen fra transaktionen",
                    kind = "DGE",
                    kapUnitId = NodeId.Encode("KapUnit", kapUnit),
                    advisorId = withAdvisor ? NodeId.Encode("Coordinator", advisor) : null,
                    foundedOn = "2025-03-01",
                },
            }),
            TestPrincipals.WithRole(Roles.Editor));
        var commands = counter.Commands;

        Assert.False(created.TryGetProperty("errors", out var errors), errors.ToString());
        var group = created.GetProperty("data").GetProperty("createGroup").GetProperty("group");
        var audit = commands.ToList().FindLastIndex(c => c.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal));
        Assert.True(audit >= 0, string.Join("\n---\n", commands));

        // The KAP unit and the advisor were read by the mutation's rules: its payload reads neither again, and a group
        // without an advisor answers null without a statement. A relation the transaction did not hold (the KAP unit's
        // region) is read as usual.
        Assert.Equal(statementsAfterTheCommit, commands.Count - audit - 1);
        Assert.Equal(withAdvisor ? 1 : 0, commands.Count(c => c.Contains("FROM \"Coordinators\"", StringComparison.Ordinal)));
        Assert.Equal(withAdvisor ? JsonValueKind.Object : JsonValueKind.Null, group.GetProperty("advisor").ValueKind);

        var read = await SchemaExecution.ExecuteAsync(
            factory.Services,
            ReadGroup.Replace("SELECTION", selection, StringComparison.Ordinal),
            Mutating.Inputs(new { id = group.GetProperty("id").GetString() }),
            TestPrincipals.WithRole(Roles.Reader));
        Assert.Equal(read.GetProperty("data").GetProperty("node").GetRawText(), group.GetRawText());
    }

    private const string RecordMeeting = """
        mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { id SELECTION } errors { __typename } } }
        """;

    private const string ReadMeeting = """
        query($id: ID!) { node(id: $id) { ... on Meeting { id SELECTION } } }
        """;

    /// <summary>
    /// The connections of a meeting just recorded come from its transaction, which wrote every link it has, in every window
    /// (first, last, counts alone, cursors and page info), and answer as a later read does; a connection with its own order,
    /// one whose children the transaction did not hold, and one of an entity it did not create are read.
    /// </summary>
    [Theory]
    [InlineData("themes { totalCount nodes { code nameDa } } materials { nodes { title } } attendees(first: 12) { totalCount nodes { firstName lastName } }", 0)]
    [InlineData("attendees(first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }", 0)]
    [InlineData("attendees(last: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }", 0)]
    [InlineData("attendees(first: 0) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } themes { totalCount }", 0)]
    [InlineData("attendees(order: [{ lastName: DESC }]) { nodes { lastName } }", 1)]
    [InlineData("group { meetings(first: 1) { totalCount } }", 1)]
    public async Task RecordMeeting_PayloadsConnections_ComeFromTheTransactionAndMatchARead(string selection, int statementsAfterTheCommit)
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(), configureServices: services => services.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();

        counter.Reset();
        var recorded = await SchemaExecution.ExecuteAsync(
            factory.Services,
            RecordMeeting.Replace("SELECTION", selection, StringComparison.Ordinal),
            Mutating.Inputs(new
            {
                input = new
                {
                    groupId = NodeId.Encode("DgeGroup", 3),
                    date = "2026-11-18",
                    durationHours = 2.5,
                    themeIds = new[] { NodeId.Encode("Theme", 2), NodeId.Encode("Theme", 1) },
                    materialIds = new[] { NodeId.Encode("LearningMaterial", 2) },
                    attendeeIds = new[] { NodeId.Encode("Doctor", 13), NodeId.Encode("Doctor", 4), NodeId.Encode("Doctor", 7) },
                },
            }),
            TestPrincipals.WithRole(Roles.Editor));
        var commands = counter.Commands;

        Assert.False(recorded.TryGetProperty("errors", out var errors), errors.ToString());
        var payload = recorded.GetProperty("data").GetProperty("recordMeeting");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var meeting = payload.GetProperty("meeting");
        var audit = commands.ToList().FindLastIndex(c => c.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal));
        Assert.True(audit >= 0, string.Join("\n---\n", commands));
        Assert.Equal(statementsAfterTheCommit, commands.Count - audit - 1);

        var read = await SchemaExecution.ExecuteAsync(
            factory.Services,
            ReadMeeting.Replace("SELECTION", selection, StringComparison.Ordinal),
            Mutating.Inputs(new { id = meeting.GetProperty("id").GetString() }),
            TestPrincipals.WithRole(Roles.Reader));
        Assert.Equal(read.GetProperty("data").GetProperty("node").GetRawText(), meeting.GetRawText());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteTransaction_OnlyACommittedOneIsRecorded(bool commit)
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        await factory.CreateReadyClientAsync();
        var (kapUnitKey, _) = await ScopeAsync(factory.Services);
        var models = factory.Services.GetRequiredService<ModelRegistry>();
        var kapUnitField = models.Models.Single(m => m.ClrType == typeof(DgeGroup)).References.Single(r => r.Name == "kapUnit");
        var direct = DirectReference.Of(kapUnitField);
        Assert.NotNull(direct);

        await using var scope = factory.Services.CreateAsyncScope();
        KapUnit? kapUnit = null;
        DgeGroup? group = null;
        var payload = await WriteTransaction.RunAsync(
            factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>(),
            models,
            TestPrincipals.WithRole(Roles.Editor),
            scope.ServiceProvider,
            "createGroup",
            DateOnly.FromDateTime(DateTime.Today),
            DateTime.UtcNow,
            NullLogger.Instance,
            async (write, token) =>
            {
                kapUnit = await write.Db.KapUnits.SingleAsync(k => k.Id == kapUnitKey, token);
                group = new DgeGroup { Name = "Prøvegruppen", Kind = GroupKind.Dge, KapUnitId = kapUnit.Id, From = new DateOnly(2025, 3, 1) };
                write.Db.Groups.Add(group);
                if (!commit)
                {
                    write.RollBackWhenDone();
                }

                return group;
            },
            CancellationToken.None);

        Assert.Null(payload.Errors);
        var committed = scope.ServiceProvider.GetRequiredService<CommittedEntities>();
        var resolved = committed.TryResolve(group!, direct, out var target);
        Assert.Equal(commit, resolved);
        if (commit)
        {
            Assert.Same(kapUnit, target);
        }
        else
        {
            Assert.Null(target);
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
            Assert.False(await db.Groups.AnyAsync(g => g.Name == "Prøvegruppen"));
        }
    }

    /// <summary>
    /// Mutations run one after the other, each with its answer complete before the next starts (the GraphQL spec's serial
    /// execution): the advisor in the first payload is the one its own transaction committed, not the one the second
    /// mutation renamed.
    /// </summary>
    [Fact]
    public async Task TwoMutations_TheFirstPayloadsAdvisorIsTheOneItsTransactionCommitted()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        await factory.CreateReadyClientAsync();
        var (kapUnit, advisorKey) = await ScopeAsync(factory.Services);
        Coordinator advisor;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync())
        {
            advisor = await db.Coordinators.AsNoTracking().SingleAsync(c => c.Id == advisorKey);
        }

        var advisorId = NodeId.Encode("Coordinator", advisorKey);
        var result = await SchemaExecution.ExecuteAsync(
            factory.Services,
            """
            mutation($group: CreateGroupInput!, $advisor: UpdateCoordinatorInput!) {
              founded: createGroup(input: $group) { group { advisor { name } } errors { __typename } }
              renamed: updateCoordinator(input: $advisor) { coordinator { name } errors { __typename } }
            }
            """,
            Mutating.Inputs(new
            {
                group = new { name = "Gruppen før omdøbningen", kind = "DGE", kapUnitId = NodeId.Encode("KapUnit", kapUnit), advisorId, foundedOn = "2025-03-01" },
                advisor = new { id = advisorId, expectedVersion = advisor.Version, name = "Omdøbt Vejleder" },
            }),
            TestPrincipals.WithRole(Roles.Editor));

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var data = result.GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("founded").GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("renamed").GetProperty("errors").ValueKind);
        Assert.Equal(advisor.Name, data.GetProperty("founded").GetProperty("group").GetProperty("advisor").GetProperty("name").GetString());
        Assert.Equal("Omdøbt Vejleder", data.GetProperty("renamed").GetProperty("coordinator").GetProperty("name").GetString());
    }

    /// <summary>A transaction that held more than <see cref="CommittedEntities.MaxEntities"/> entities besides its audit entries is not kept for the request.</summary>
    [Theory]
    [InlineData(CommittedEntities.MaxEntities, true)]
    [InlineData(CommittedEntities.MaxEntities + 1, false)]
    public async Task Record_KeepsOnlyATransactionOfAtMostMaxEntities(int tracked, bool kept)
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        var models = factory.Services.GetRequiredService<ModelRegistry>();
        var direct = DirectReference.Of(models.Models.Single(m => m.ClrType == typeof(DgeGroup)).References.Single(r => r.Name == "kapUnit"))!;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var kapUnit = new KapUnit { Id = 1, Code = "K", Name = "Enheden", RegionId = 1 };
        db.KapUnits.Attach(kapUnit);
        var groups = Enumerable.Range(1, tracked - 1)
            .Select(id => new DgeGroup { Id = id, Name = $"Gruppe {id}", Kind = GroupKind.Dge, KapUnitId = kapUnit.Id, From = new DateOnly(2025, 3, 1) })
            .ToList();
        db.Groups.AttachRange(groups);
        // Audit entries do not count: an import writes one per change, and none is ever a relation's target.
        db.AttachRange(Enumerable.Range(1, 10).Select(id => new AuditEntry
        {
            Id = id, ActorId = "test", ActorName = "Test", Operation = "createGroup", EntityType = "DgeGroup", EntityKey = id, EntityId = $"group-{id}",
        }));
        Assert.Equal(tracked + 10, db.ChangeTracker.Entries<Entity>().Count());

        var committed = new CommittedEntities();
        if (CommittedEntities.Take(db, models, new HashSet<Entity>()) is { } held)
        {
            committed.Add(held);
        }

        // All of it or nothing: neither the last entity nor the first.
        Assert.Equal(kept, committed.TryResolve(groups[^1], direct, out var target));
        Assert.Equal(kept ? kapUnit : null, target);
        Assert.Equal(kept, committed.TryResolve(groups[0], direct, out target));
    }

    /// <summary>
    /// The lookup by id is compiled once per model: one process can hold several (the host's compiled SQLite model, a model
    /// built at run time, PostgreSQL's), and a compiled query run with another model than its first throws.
    /// </summary>
    [Fact]
    public async Task FindById_WorksWithEveryModelInTheProcess()
    {
        var database = await TestDatabases.CopyNationalAsync();
        await using var factory = new DgeAppFactory(database);
        await factory.CreateReadyClientAsync();
        var (kapUnitKey, _) = await ScopeAsync(factory.Services);
        var kapUnitId = NodeId.Encode("KapUnit", kapUnitKey);
        await using var builtAtRunTime = TestDatabases.Open(database);
        await using var hosts = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        Assert.NotSame(hosts.Model, builtAtRunTime.Model);

        foreach (var contexts in new IDbContextFactory<DgeDbContext>[]
        {
            factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>(),
            new OpenedBy(() => TestDatabases.Open(database)),
            factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>(),
        })
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var payload = await WriteTransaction.RunAsync(
                contexts,
                factory.Services.GetRequiredService<ModelRegistry>(),
                TestPrincipals.WithRole(Roles.Editor),
                scope.ServiceProvider,
                "findKapUnit",
                DateOnly.FromDateTime(DateTime.Today),
                DateTime.UtcNow,
                NullLogger.Instance,
                (write, token) => write.FindAsync<KapUnit>(kapUnitId, "kapUnitId", token),
                CancellationToken.None);

            Assert.Null(payload.Errors);
            Assert.Equal(kapUnitKey, Assert.IsType<KapUnit>(payload.Entity).Id);
        }
    }

    /// <summary>
    /// A direct reference finds its target by the parent's <c>XId</c>: that must be the foreign key the database holds for the
    /// navigation, to the same type, for every relation treated so; dated relations and those through links never are.
    /// </summary>
    [Fact]
    public async Task DirectReferences_AreTheModelsOwnForeignKeys()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        var models = factory.Services.GetRequiredService<ModelRegistry>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();

        var direct = models.Models.SelectMany(m => m.References.Select(r => (Model: m, Reference: r)))
            .Where(x => DirectReference.Of(x.Reference) is not null).ToList();

        Assert.Contains(direct, x => x.Model.ClrType == typeof(DgeGroup) && x.Reference.Name == "kapUnit");
        Assert.Contains(direct, x => x.Model.ClrType == typeof(DgeGroup) && x.Reference.Name == "advisor");
        Assert.All(direct, x =>
        {
            Assert.False(x.Reference.HasAsOf);
            Assert.Null(x.Reference.Link);
            var member = ((MemberExpression)x.Reference.NavigationOn(DateOnly.MinValue).Body).Member;
            var navigation = db.Model.FindEntityType(x.Reference.ParentType)!.FindNavigation(member.Name);
            Assert.True(navigation is not null, $"{x.Model.Name}.{x.Reference.Name}: no navigation {member.Name} in the EF model.");
            Assert.True(navigation.IsOnDependent, $"{x.Model.Name}.{x.Reference.Name}: the key is not on the parent.");
            Assert.Equal(member.Name + "Id", Assert.Single(navigation.ForeignKey.Properties).Name);
            Assert.Equal(x.Reference.TargetType, navigation.TargetEntityType.ClrType);
        });
        Assert.DoesNotContain(models.Models.SelectMany(m => m.References), r => (r.HasAsOf || r.Link is not null) && DirectReference.Of(r) is not null);
    }

    private static async Task<(int KapUnit, int Advisor)> ScopeAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var advisors = await db.Coordinators.AsNoTracking().Where(c => c.Role == CoordinatorRole.Advisor && c.RegionId != null).ToListAsync();
        var advisor = advisors.First(a => a.IsActiveOn(today));
        var kapUnit = await db.KapUnits.AsNoTracking().FirstAsync(k => k.RegionId == advisor.RegionId);
        return (kapUnit.Id, advisor.Id);
    }

    private sealed class OpenedBy(Func<DgeDbContext> open) : IDbContextFactory<DgeDbContext>
    {
        public DgeDbContext CreateDbContext() => open();
    }
}
