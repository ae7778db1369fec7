using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.GraphQL;

public sealed class FilteringTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    [Fact]
    public async Task Where_ThroughToOneRelations_CountsTheDoctorsOfAMunicipality()
    {
        await using var db = graph.OpenDb();
        var expected = await db.Doctors.CountAsync(d => d.Employments.Any(e =>
            e.From <= Today && (e.To == null || e.To > Today) && e.Clinic!.Municipality!.Code == "0101"));

        var data = await graph.DataAsync("""{ doctors(where: { clinic: { municipality: { code: { eq: "0101" } } } }) { totalCount } }""");

        Assert.True(expected > 0);
        Assert.Equal(expected, data.GetProperty("doctors").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_StringOperators_CombineWithAnd()
    {
        await using var db = graph.OpenDb();
        var expected = await db.Clinics.CountAsync(c => c.Name.StartsWith("Lægehuset") && !c.Name.Contains("Nord") && !c.Ydernummer.EndsWith("7"));

        var data = await graph.DataAsync("""
            { clinics(where: { name: { startsWith: "Lægehuset", ncontains: "Nord" }, ydernummer: { nendsWith: "7" } }) { totalCount } }
            """);

        Assert.True(expected > 0);
        Assert.Equal(expected, data.GetProperty("clinics").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("startsWith")]
    [InlineData("endsWith")]
    [InlineData("contains")]
    public async Task Where_TextInAnotherCase_MatchesCaseSensitively(string operation)
    {
        await using var db = graph.OpenDb();
        var names = await db.Doctors.Select(d => d.LastName).ToListAsync();
        var sample = names.First(n => n.Length > 3 && char.IsAsciiLetterUpper(n[0]));
        var piece = operation == "endsWith" ? sample[^2..].ToUpperInvariant() : sample[..2].ToLowerInvariant();
        var expected = names.Count(n => operation switch
        {
            "startsWith" => n.StartsWith(piece, StringComparison.Ordinal),
            "endsWith" => n.EndsWith(piece, StringComparison.Ordinal),
            _ => n.Contains(piece, StringComparison.Ordinal),
        });

        var data = await graph.DataAsync($$"""query($p: String) { doctors(where: { lastName: { {{operation}}: $p } }) { totalCount } }""", new { p = piece });

        Assert.Equal(expected, data.GetProperty("doctors").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("startsWith", "_")]
    [InlineData("endsWith", "%")]
    [InlineData("startsWith", "[A-Z]")]
    [InlineData("endsWith", "*")]
    [InlineData("startsWith", "?")]
    public async Task Where_PatternCharacters_AreMatchedAsText(string operation, string text)
    {
        var data = await graph.DataAsync($$"""query($p: String) { doctors(where: { lastName: { {{operation}}: $p } }) { totalCount } }""", new { p = text });

        Assert.Equal(0, data.GetProperty("doctors").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_OrOfEnumValues_MatchesEitherKind()
    {
        await using var db = graph.OpenDb();
        var expected = await db.Groups.CountAsync(g => g.Kind == GroupKind.NewGp || g.Kind == GroupKind.Junior);

        var data = await graph.DataAsync("""{ groups(where: { or: [{ kind: { eq: NEW_GP } }, { kind: { in: [JUNIOR] } }] }) { totalCount } }""");

        Assert.True(expected > 0);
        Assert.Equal(expected, data.GetProperty("groups").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_CollectionOperators_SomeNoneAllAny()
    {
        await using var db = graph.OpenDb();
        var withTreasurer = await db.Groups.CountAsync(g => g.Memberships.Any(m => m.Role == MembershipRole.Treasurer));
        var withoutMeetings = await db.Groups.CountAsync(g => !db.Meetings.Any(m => m.GroupId == g.Id));
        var allLongMeetings = await db.Groups.CountAsync(g => db.Meetings.Where(m => m.GroupId == g.Id).All(m => m.DurationHours >= 2));
        var noTrainees = await db.Groups.CountAsync(g => !g.Memberships.Any(m => m.Doctor!.Phase == DoctorPhase.Trainee));

        var data = await graph.DataAsync("""
            {
              treasurer: groups(where: { memberships: { some: { role: { eq: TREASURER } } } }) { totalCount }
              silent: groups(where: { meetings: { any: false } }) { totalCount }
              long: groups(where: { meetings: { all: { durationHours: { gte: 2 } } } }) { totalCount }
              noTrainees: groups(where: { memberships: { none: { doctor: { phase: { eq: TRAINEE } } } } }) { totalCount }
            }
            """);

        Assert.Equal(withTreasurer, data.GetProperty("treasurer").GetProperty("totalCount").GetInt32());
        Assert.Equal(withoutMeetings, data.GetProperty("silent").GetProperty("totalCount").GetInt32());
        Assert.Equal(allLongMeetings, data.GetProperty("long").GetProperty("totalCount").GetInt32());
        Assert.Equal(noTrainees, data.GetProperty("noTrainees").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_DateRangeAndNull_MatchesMeetingsAndOpenMemberships()
    {
        await using var db = graph.OpenDb();
        var meetings = await db.Meetings.CountAsync(m => m.Date >= new DateOnly(2025, 1, 1) && m.Date < new DateOnly(2025, 7, 1));
        var open = await db.GroupMemberships.CountAsync(m => m.To == null);

        var data = await graph.DataAsync("""
            {
              meetings(where: { date: { gte: "2025-01-01", lt: "2025-07-01" } }) { totalCount }
              groupMemberships(where: { to: { eq: null } }) { totalCount }
            }
            """);

        Assert.True(meetings > 0);
        Assert.Equal(meetings, data.GetProperty("meetings").GetProperty("totalCount").GetInt32());
        Assert.Equal(open, data.GetProperty("groupMemberships").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_NestedConnection_FiltersEachParentsChildren()
    {
        await using var db = graph.OpenDb();
        var group = await db.Groups.OrderBy(g => g.Id).FirstAsync(g => g.Memberships.Count(m => m.Role == MembershipRole.Leader) > 0);
        var expected = await db.GroupMemberships.CountAsync(m => m.GroupId == group.Id && m.Role == MembershipRole.Leader);

        var data = await graph.DataAsync("""
            query($name: String) { groups(where: { name: { eq: $name } }) { nodes { memberships(where: { role: { eq: LEADER } }) { totalCount nodes { role } } } } }
            """, new { name = group.Name });

        var memberships = data.GetProperty("groups").GetProperty("nodes")[0].GetProperty("memberships");
        Assert.Equal(expected, memberships.GetProperty("totalCount").GetInt32());
        Assert.All(memberships.GetProperty("nodes").EnumerateArray(), m => Assert.Equal("LEADER", m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Where_IdOfAnotherType_IsATypedErrorNamingTheField()
    {
        var data = await graph.DataAsync("{ regions(first: 1) { nodes { id } } }");
        var regionId = data.GetProperty("regions").GetProperty("nodes")[0].GetProperty("id").GetString();

        var errors = await graph.ErrorsAsync("query($id: ID) { doctors(where: { id: { eq: $id } }) { totalCount } }", new { id = regionId });

        Assert.Equal("INVALID_FILTER", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("where.id.eq", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_AThousandOrClauses_IsATypedErrorNotACrash()
    {
        var clauses = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $$"""{ lastName: { eq: "x{{i}}" } }"""));

        var errors = await graph.ErrorsAsync($$"""{ doctors(where: { or: [{{clauses}}] }) { totalCount } }""");

        Assert.Equal("INVALID_FILTER", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("at most 100 conditions", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_HundredOrClauses_RunsBalancedInSql()
    {
        await using var db = graph.OpenDb();
        var names = await db.Doctors.OrderBy(d => d.Id).Select(d => d.LastName).Distinct().Take(100).ToListAsync();
        var expected = await db.Doctors.CountAsync(d => names.Contains(d.LastName));
        var clauses = string.Join(", ", names.Select(name => $$"""{ lastName: { eq: "{{name}}" } }"""));

        var data = await graph.DataAsync($$"""{ doctors(where: { or: [{{clauses}}] }) { totalCount } }""");

        Assert.Equal(expected, data.GetProperty("doctors").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Where_NestedTooDeeply_IsATypedError()
    {
        var filter = string.Concat(Enumerable.Repeat("{ or: [", 20)) + """{ lastName: { eq: "x" } }""" + string.Concat(Enumerable.Repeat("] }", 20));

        var errors = await graph.ErrorsAsync($$"""{ doctors(where: {{filter}}) { totalCount } }""");

        Assert.Equal("INVALID_FILTER", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Where_UnknownField_IsRejectedByValidation()
    {
        var errors = await graph.ErrorsAsync("""{ doctors(where: { shoeSize: { eq: 42 } }) { totalCount } }""");

        Assert.Contains("shoeSize", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
