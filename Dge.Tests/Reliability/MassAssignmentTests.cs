using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Tests.Admin;
using Dge.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dge.Tests.Reliability.HostileCalls;

namespace Dge.Tests.Reliability;

/// <summary>
/// Mass assignment: no mutation input sets an id (other than naming the object changed or referenced), a version (other
/// than the <c>expectedVersion</c> the caller read), an audit field or a role (other than the Admin-only mutations that
/// exist to set one). Checked on the live schema's input types, and by sending such fields to the real host, inline and
/// in variables, with inputs that are otherwise valid: each is refused by input coercion, naming the field, and nothing
/// is written; the same input without the extra field then succeeds.
/// </summary>
public sealed class MassAssignmentTests(AccessHost host, ITestOutputHelper output) : IClassFixture<AccessHost>
{
    /// <summary>Mutations that make a new object (or act on the caller): the server picks its id, so no input field is called id.</summary>
    private static readonly HashSet<string> MakeNewObjects =
    [
        "createGroup", "addGroupMember", "importGroups", "recordMeeting", "createDoctor", "startEmployment", "createClinic",
        "createCluster", "adoptClusterPackage", "createCoordinator", "createLearningMaterial", "createTheme", "createApiKey",
        "inviteUser", "changeMyPassword",
    ];

    /// <summary>Mutations that change an existing object: its global id (<c>id</c>, or a reference such as <c>groupId</c>) says which, and <c>expectedVersion</c> which version the caller read.</summary>
    private static readonly HashSet<string> ChangeNamedObjects =
    [
        "updateGroup", "dissolveGroup", "deleteGroup", "assignAdvisor", "changeGroupLeader", "changeMembershipRole",
        "endGroupMembership", "updateMeeting", "deleteMeeting", "updateDoctor", "endEmployment", "updateClinic", "closeClinic",
        "updateCluster", "moveClinicToCluster", "endClusterPackage", "updateCoordinator", "endCoordinator",
        "linkCoordinatorToDoctor", "updateLearningMaterial", "retireLearningMaterial", "updateTheme", "revokeApiKey",
        "setUserRole", "lockUser", "unlockUser",
    ];

    /// <summary>The mutations whose purpose is to give an access role: each needs Admin, and only they take a <c>role</c> that is an access role.</summary>
    private static readonly HashSet<string> RoleSetting = ["createApiKey", "inviteUser", "setUserRole"];

    /// <summary>
    /// Input field names no mutation may take, and why: what the server alone sets. Compared case-insensitively; besides
    /// these, any name containing "version" other than <c>expectedVersion</c>, and any name ending in "By" is refused.
    /// </summary>
    private static readonly Dictionary<string, string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = "DgeDbContext increments it on every write; a caller only states the version it read (expectedVersion)",
        ["concurrencyStamp"] = "Identity's version of an account",
        ["createdAt"] = "the audit's time comes from the clock in WriteTransaction",
        ["updatedAt"] = "the audit's time comes from the clock",
        ["changedAt"] = "the audit's time comes from the clock",
        ["modifiedAt"] = "the audit's time comes from the clock",
        ["deletedAt"] = "the audit's time comes from the clock",
        ["at"] = "AuditEntry.at: the clock",
        ["actorId"] = "AuditEntry: the caller's principal",
        ["actorKind"] = "AuditEntry: the caller's principal",
        ["actorName"] = "AuditEntry: the caller's principal",
        ["operation"] = "AuditEntry: the mutation's name",
        ["entityType"] = "AuditEntry: the changed entity",
        ["entityKey"] = "AuditEntry: the changed entity",
        ["entityId"] = "AuditEntry: the changed entity",
        ["before"] = "AuditEntry: recorded by AuditRecorder",
        ["after"] = "AuditEntry: recorded by AuditRecorder",
        ["audit"] = "audit entries are written by the engine only",
        ["auditEntries"] = "audit entries are written by the engine only",
        ["history"] = "audit entries are written by the engine only",
        ["secretHash"] = "API key: the server makes the secret",
        ["hint"] = "API key: derived from the secret",
        ["revokedAt"] = "API key: set by revokeApiKey's clock",
        ["lastUsedAt"] = "API key: set by authentication",
        ["passwordHash"] = "account: set by Identity from a password",
        ["securityStamp"] = "account: Identity's session stamp",
        ["lockoutEnd"] = "account: set by lockUser and failed sign-ins",
        ["lockoutEnabled"] = "account: Identity's setting",
        ["lockedOutUntil"] = "account: set by lockUser and failed sign-ins",
        ["accessFailedCount"] = "account: counted by sign-in",
        ["emailConfirmed"] = "account: set by the invitation",
        ["invitationPending"] = "account: set by the invitation",
        ["invitationExpiresAt"] = "account: set by the invitation",
        ["roles"] = "access roles are given by one role, through the Admin-only mutations",
        ["claims"] = "access rights come from the role only",
        ["isAdmin"] = "access rights come from the role only",
        ["permissions"] = "access rights come from the role only",
    };

    [Fact]
    public void EveryMutationInput_LiveSchema_HasNoServerOwnedField()
    {
        var schema = host.Services.GetRequiredService<ISchema>();
        var mutations = schema.Mutation!.Fields.ToList();
        var violations = new List<string>();
        var fieldsChecked = 0;

        foreach (var mutation in mutations)
        {
            var input = (IInputObjectGraphType)((NonNullGraphType)mutation.Arguments!.Find("input")!.ResolvedType!).ResolvedType!;
            Walk(mutation, input, $"{mutation.Name}.input", topLevel: true, []);
        }

        output.WriteLine($"{mutations.Count} mutations, {fieldsChecked} input fields checked (nested ones included)");
        violations.ForEach(output.WriteLine);
        Assert.Equal(MakeNewObjects.Concat(ChangeNamedObjects).Order(StringComparer.Ordinal), mutations.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(RoleSetting, name => Assert.Equal(Roles.Admin, mutations.Single(m => m.Name == name).RequiredRole()));
        Assert.True(fieldsChecked > 150, $"only {fieldsChecked} input fields were found");
        Assert.Empty(violations);

        void Walk(FieldType mutation, IInputObjectGraphType type, string path, bool topLevel, HashSet<string> seen)
        {
            if (!seen.Add(type.Name))
            {
                return;
            }

            foreach (var field in type.Fields)
            {
                fieldsChecked++;
                var where = $"{path}.{field.Name} ({type.Name})";
                var named = Unwrap(field.ResolvedType!) is GraphQLTypeReference reference ? schema.AllTypes[reference.TypeName]! : Unwrap(field.ResolvedType!);
                if (Verdict(mutation, field.Name, named, topLevel) is { } why)
                {
                    violations.Add($"{where}: {why}");
                }

                if (named is IInputObjectGraphType nested)
                {
                    Walk(mutation, nested, $"{path}.{field.Name}", topLevel: false, seen);
                }
            }
        }
    }

    /// <summary>Why <paramref name="name"/> may not be an input field of <paramref name="mutation"/>, or null when it may.</summary>
    private static string? Verdict(FieldType mutation, string name, IGraphType type, bool topLevel)
    {
        var changes = ChangeNamedObjects.Contains(mutation.Name);
        if (Forbidden.TryGetValue(name, out var why))
        {
            return why;
        }

        if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return changes && topLevel ? null : "an id the server assigns (only a mutation changing an existing object names it, at the top of its input)";
        }

        if (name.Equals("expectedVersion", StringComparison.Ordinal))
        {
            return changes && topLevel ? null : "expectedVersion belongs to a change of an existing object only";
        }

        if (name.Contains("version", StringComparison.OrdinalIgnoreCase))
        {
            return "a version the server keeps";
        }

        if (name.EndsWith("By", StringComparison.Ordinal))
        {
            return "an audit field (who): the server takes it from the caller";
        }

        if (name.EndsWith("At", StringComparison.Ordinal) && !(mutation.Name == "createApiKey" && name == "expiresAt"))
        {
            // expiresAt of createApiKey is the Admin's choice of the key's lifetime, not a record of when something happened.
            return "a timestamp the server records";
        }

        if (name.Equals("role", StringComparison.OrdinalIgnoreCase))
        {
            var domainRole = type is EnumerationGraphType values
                && !values.Values.Any(v => Roles.All.Contains(v.Name, StringComparer.OrdinalIgnoreCase));
            var roleSetting = RoleSetting.Contains(mutation.Name) && mutation.RequiredRole() == Roles.Admin;
            return domainRole || roleSetting
                ? null
                : "an access role, outside the Admin-only mutations that set one (a domain role must be an enum without Reader, Editor or Admin)";
        }

        return null;
    }

    private static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };

    [Fact]
    public async Task ServerOwnedFields_SentInlineAndInVariables_AreRefusedByNameAndWriteNothing()
    {
        using var admin = await host.WithKeyAsync(Roles.Admin);
        var theme = await FirstAsync(admin, "themes", "id version");
        var doctor = await FirstAsync(admin, "doctors", "id version");
        (await host.SignedInAsync(Roles.Reader)).Dispose();

        var users = (await PostAsync(admin, "{ users { id role version } }")).Json.GetProperty("data").GetProperty("users").EnumerateArray().ToList();
        var reader = users.Last(u => u.GetProperty("role").GetString() == Roles.Reader);
        var stamp = DateTime.UtcNow.Ticks % 1_000_000;
        var cases = new List<(string Mutation, string Payload, Func<Dictionary<string, object?>> Input, string[] Extras)>
        {
            ("createTheme", "theme { id }", () => new() { ["code"] = $"MA{stamp}", ["nameDa"] = "Massetildeling", ["nameEn"] = "Mass assignment", ["category"] = "Sikkerhed" },
                ["id", "version", "createdAt", "createdBy", "changedBy", "role", "auditEntries", "__typename"]),
            ("updateTheme", "theme { id }", () => new() { ["id"] = theme.Id, ["expectedVersion"] = theme.Version, ["nameEn"] = $"Renamed {stamp}" },
                ["version", "createdAt", "updatedAt", "createdBy", "role", "roles", "isAdmin", "__typename"]),
            ("updateDoctor", "doctor { id }", () => new() { ["id"] = doctor.Id, ["expectedVersion"] = doctor.Version, ["firstName"] = $"Navn{stamp}" },
                ["version", "createdAt", "changedBy", "role", "roles", "history", "__typename"]),
            ("createApiKey", "created { secret }", () => new() { ["name"] = $"mass assignment {stamp}", ["role"] = Roles.Reader },
                ["id", "version", "secretHash", "createdAt", "createdBy", "revokedAt", "lastUsedAt", "__typename"]),
            ("setUserRole", "user { id }", () => new() { ["id"] = reader.GetProperty("id").GetString(), ["expectedVersion"] = reader.GetProperty("version").GetInt32(), ["role"] = Roles.Editor },
                ["version", "roles", "securityStamp", "passwordHash", "lockoutEnd", "concurrencyStamp", "__typename"]),
            ("importGroups", "import { rowCount }", () => new() { ["dryRun"] = true, ["rows"] = new List<object?> { ImportRow() } },
                ["id", "version", "createdBy"]),
        };
        var tried = 0;

        foreach (var (mutation, payload, input, extras) in cases)
        {
            var before = await StateAsync();
            foreach (var extra in extras)
            {
                foreach (var inline in new[] { true, false })
                {
                    var sent = input();
                    var target = mutation == "importGroups" ? (Dictionary<string, object?>)((List<object?>)sent["rows"]!)[0]! : sent;
                    target[extra] = ExtraValue(extra, theme.Id);

                    var answer = await SendAsync(admin, mutation, payload, sent, inline);

                    tried++;
                    var how = $"{mutation} with {extra} {(inline ? "inline" : "in variables")}";
                    Assert.False(answer.HasData(mutation), $"{how}: ran: {answer.Json}");
                    var error = Assert.Single(answer.Errors);
                    Assert.Contains(answer.ErrorCodes.Single(), new[] { "ARGUMENTS_OF_CORRECT_TYPE", "INVALID_VALUE" });
                    Assert.Contains($"'{extra}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                }
            }

            Assert.Equal(before, await StateAsync());
            var clean = await SendAsync(admin, mutation, payload, input(), inline: true);
            Assert.True(clean.HasData(mutation), $"{mutation} without extra fields: {clean.Json}");
            Assert.Empty(clean.Errors);
            if (mutation != "importGroups")
            {
                Assert.Equal(JsonValueKind.Null, clean.Json.GetProperty("data").GetProperty(mutation).GetProperty("errors").ValueKind);
                Assert.NotEqual(before, await StateAsync());
            }
        }

        output.WriteLine($"{tried} inputs with a server-owned field, all refused; {cases.Count} clean controls ran");
        Assert.Equal(cases.Sum(c => c.Extras.Length) * 2, tried);
    }

    [Fact]
    public async Task Editor_EveryWayToARole_IsRefusedAndChangesNothing()
    {
        using var editorKey = await host.WithKeyAsync(Roles.Editor);
        using var editorCookie = await host.SignedInAsync(Roles.Editor);
        using var admin = await host.WithKeyAsync(Roles.Admin);
        var me = (await PostAsync(editorCookie, "{ me { name } }")).Json.GetProperty("data").GetProperty("me").GetProperty("name").GetString();
        var self = (await PostAsync(admin, "{ users { id email version } }")).Json.GetProperty("data").GetProperty("users").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == me);
        var attempts = new List<(string Mutation, string Payload, Dictionary<string, object?> Input)>
        {
            ("setUserRole", "user { role }", new() { ["id"] = self.GetProperty("id").GetString(), ["expectedVersion"] = self.GetProperty("version").GetInt32(), ["role"] = Roles.Admin }),
            ("inviteUser", "invitation { code }", new() { ["email"] = $"escalate-{Guid.NewGuid():N}@test.dge", ["role"] = Roles.Admin }),
            ("createApiKey", "created { secret }", new() { ["name"] = "escalation", ["role"] = Roles.Admin }),
            ("unlockUser", "user { role }", new() { ["id"] = self.GetProperty("id").GetString(), ["expectedVersion"] = self.GetProperty("version").GetInt32() }),
        };
        var before = await StateAsync();

        foreach (var client in new[] { editorKey, editorCookie })
        {
            foreach (var (mutation, payload, input) in attempts)
            {
                foreach (var inline in new[] { true, false })
                {
                    var answer = await SendAsync(client, mutation, payload, input, inline);

                    Assert.False(answer.HasData(mutation), $"{mutation} ran for an Editor: {answer.Json}");
                    Assert.Equal([FieldAccess.NotAuthorizedCode], answer.ErrorCodes);
                }
            }

            // The one mutation about oneself an Editor may run takes no role.
            var password = await SendAsync(client, "changeMyPassword", "user { role }", new() { ["currentPassword"] = AccessHost.UserPassword, ["newPassword"] = AccessHost.UserPassword, ["role"] = Roles.Admin }, inline: false);
            Assert.Contains("'role'", Assert.Single(password.Errors).GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var page = await editorCookie.PageAsync("/admin/themes/create");
        foreach (var (path, fields) in ShellForms(self))
        {
            using var response = await editorCookie.PostFormAsync(page, path, fields);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await StateAsync());
        var roles = (await PostAsync(editorCookie, "{ me { roles } }")).Json.GetProperty("data").GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal([Roles.Reader, Roles.Editor], roles);
    }

    /// <summary>The admin shell's forms that give a role, posted with the Editor's own valid antiforgery token.</summary>
    private static IEnumerable<(string Path, KeyValuePair<string, string>[] Fields)> ShellForms(JsonElement self) =>
    [
        ("/admin/users?handler=Role", [new("id", self.GetProperty("id").GetString()!), new("email", self.GetProperty("email").GetString()!), new("version", self.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)), new("role", Roles.Admin)]),
        ("/admin/users?handler=Invite", [new("Input.Email", $"escalate-{Guid.NewGuid():N}@test.dge"), new("Input.Role", Roles.Admin)]),
        ("/admin/apikeys?handler=Create", [new("Input.Name", "escalation"), new("Input.Role", Roles.Admin)]),
    ];

    private static Dictionary<string, object?> ImportRow() => new()
    {
        ["groupName"] = "Massetildeling",
        ["kapUnitCode"] = "KAP-H",
        ["kind"] = new GraphQLEnum("DGE"),
        ["foundedOn"] = "2026-01-05",
        ["ydernummer"] = "000000",
        ["doctor"] = "Ingen Læge",
    };

    private static object? ExtraValue(string field, string existingId) => field switch
    {
        "id" => existingId,
        "version" => 99,
        "role" => Roles.Admin,
        "roles" => new List<object?> { Roles.Admin },
        "isAdmin" => true,
        "auditEntries" or "history" => new List<object?>(),
        "createdAt" or "updatedAt" or "revokedAt" or "lastUsedAt" or "lockoutEnd" => "2020-01-01T00:00:00Z",
        "createdBy" or "changedBy" => "someone.else@dge.dk",
        "__typename" => "Theme",
        _ => "forged",
    };

    private static Task<Answer> SendAsync(HttpClient client, string mutation, string payload, Dictionary<string, object?> input, bool inline)
    {
        var selection = $"{{ {payload} errors {{ __typename }} }}";
        var typeName = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
        return inline
            ? PostAsync(client, $"mutation {{ {mutation}(input: {Literal((IReadOnlyDictionary<string, object?>)input)}) {selection} }}")
            : PostAsync(client, $"mutation($input: {typeName}!) {{ {mutation}(input: $input) {selection} }}", new Dictionary<string, object?> { ["input"] = input });
    }

    private static async Task<(string Id, int Version)> FirstAsync(HttpClient client, string connection, string fields)
    {
        var node = (await PostAsync(client, $"{{ {connection}(first: 1) {{ nodes {{ {fields} }} }} }}")).Json
            .GetProperty("data").GetProperty(connection).GetProperty("nodes")[0];
        return (node.GetProperty("id").GetString()!, node.GetProperty("version").GetInt32());
    }

    private async Task<string> StateAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        return await HostileCalls.StateAsync(db);
    }
}
