using System.Data.Common;
using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

/// <summary>
/// Every mutation in the schema, for every kind of caller over HTTP (anonymous; cookie without a role, Reader, Editor and
/// Admin; API key Reader, Editor and Admin): a caller below the mutation's role gets <c>AUTH_NOT_AUTHORIZED</c>, no payload,
/// and nothing is written; a caller with the role gets a payload (here mostly a typed error, as the input is a stand-in).
/// The roles are this test's own statement of the policy: API keys and users need Admin, one's own password Reader, everything else Editor.
/// </summary>
public sealed class MutationPermissionMatrixTests(AccessHost host, ITestOutputHelper output) : IClassFixture<AccessHost>
{
    private static readonly HashSet<string> AdminMutations = ["createApiKey", "revokeApiKey", "inviteUser", "setUserRole", "lockUser", "unlockUser"];

    /// <summary>A person's own password: any signed-in role (an API key caller gets a typed ForbiddenError in the payload).</summary>
    private static readonly HashSet<string> ReaderMutations = ["changeMyPassword"];

    /// <summary>The writes issue 8 asks for, and the API key and user mutations.</summary>
    private static readonly string[] Expected =
    [
        "createGroup", "updateGroup", "dissolveGroup", "deleteGroup", "assignAdvisor", "changeGroupLeader",
        "addGroupMember", "changeMembershipRole", "endGroupMembership", "importGroups",
        "recordMeeting", "updateMeeting", "deleteMeeting",
        "createDoctor", "updateDoctor", "startEmployment", "endEmployment",
        "createClinic", "updateClinic", "closeClinic",
        "createCluster", "updateCluster", "moveClinicToCluster", "adoptClusterPackage", "endClusterPackage",
        "createCoordinator", "updateCoordinator", "endCoordinator", "linkCoordinatorToDoctor",
        "createLearningMaterial", "updateLearningMaterial", "retireLearningMaterial",
        "createTheme", "updateTheme",
        "createApiKey", "revokeApiKey",
        "inviteUser", "setUserRole", "lockUser", "unlockUser", "changeMyPassword",
    ];

    public static TheoryData<string, string?> Callers => CallerMatrixTests.Callers;

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryMutation_EachCaller_RunsOnlyWithItsRoleAndWritesNothingOtherwise(string via, string? role)
    {
        using var client = await ClientAsync(via, role);
        var mutations = host.Services.GetRequiredService<ISchema>().Mutation!.Fields.ToList();
        Assert.Equal(Expected.Order(StringComparer.Ordinal), mutations.Select(m => m.Name).Order(StringComparer.Ordinal));
        var violations = new List<string>();
        var (allowed, refused) = (0, 0);

        foreach (var mutation in mutations)
        {
            var needed = AdminMutations.Contains(mutation.Name) ? Roles.Admin : ReaderMutations.Contains(mutation.Name) ? Roles.Reader : Roles.Editor;
            var mayCall = role is not null && Roles.All.ToList().IndexOf(role) >= Roles.All.ToList().IndexOf(needed);
            var before = await RowCountsAsync();

            var json = await PostAsync(client, Document(mutation));

            var payload = json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.GetProperty(mutation.Name) : default;
            var codes = json.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList()
                : [];
            if (mayCall)
            {
                allowed++;
                if (payload.ValueKind != JsonValueKind.Object || codes.Count > 0)
                {
                    violations.Add($"{mutation.Name}: allowed for {via} {role}, but answered {json}");
                }
            }
            else
            {
                refused++;
                if (payload.ValueKind == JsonValueKind.Object || !codes.Contains(FieldAccess.NotAuthorizedCode))
                {
                    violations.Add($"{mutation.Name}: forbidden for {via} {role ?? "(no role)"}, but answered {json}");
                }

                if (await RowCountsAsync() != before)
                {
                    violations.Add($"{mutation.Name}: forbidden for {via} {role ?? "(no role)"}, but rows changed");
                }
            }
        }

        output.WriteLine($"{via} {role ?? "(no role)"}: {mutations.Count} mutations, {allowed} allowed, {refused} refused");
        Assert.Empty(violations);
        Assert.Equal(mutations.Count, allowed + refused);
    }

    /// <summary>The mutation with a stand-in for each required input field, selecting only the payload's type name.</summary>
    private static string Document(FieldType mutation)
    {
        var input = (IInputObjectGraphType)((NonNullGraphType)mutation.Arguments!.Find("input")!.ResolvedType!).ResolvedType!;
        var fields = input.Fields.Where(f => f.ResolvedType is NonNullGraphType).Select(f => $"{f.Name}: {StandIn(((NonNullGraphType)f.ResolvedType!).ResolvedType!)}");
        return $"mutation {{ {mutation.Name}(input: {{ {string.Join(", ", fields)} }}) {{ __typename }} }}";
    }

    private static string StandIn(IGraphType type) => type switch
    {
        ListGraphType => "[]",
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IdGraphType => "\"not-an-id\"",
        IntGraphType => "0",
        FloatGraphType => "1",
        BooleanGraphType => "false",
        _ when type.Name == "Date" => "\"2025-01-01\"",
        _ => "\"x\"",
    };

    /// <summary>The number of rows of every table, as one comparable string.</summary>
    private async Task<string> RowCountsAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = db.Model.GetEntityTypes().Select(type => type.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        var counts = new List<string>();
        foreach (var table in tables)
        {
            counts.Add($"{table}={await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"")}");
        }

        return string.Join(",", counts);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task<HttpClient> ClientAsync(string via, string? role) => via switch
    {
        "anonymous" => host.Anonymous(),
        "cookie" => await host.SignedInAsync(role),
        _ => await host.WithKeyAsync(role!),
    };

    private static async Task<JsonElement> PostAsync(HttpClient client, string query)
    {
        using var response = await client.SendAsync(PostQuery(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }
}
