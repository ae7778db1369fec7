using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dge.Tests.Reliability;

/// <summary>
/// A secretary's writes, one at a time and each valid, so any refusal is an error of the host: create a group, add six
/// GPs (the first as leader), then record meetings with every member present and rename the group (with the version
/// read from the last answer), and after a dozen changes start the next group.
/// </summary>
internal sealed class SecretaryWrites
{
    private const int ChangesPerGroup = 12;
    private static readonly DateOnly MembersFrom = new(2025, 1, 1);

    private readonly HttpClient client;
    private readonly string kapUnitId;
    private readonly IReadOnlyList<string> doctorIds;
    private Group? current;
    private int groupsCreated;

    private SecretaryWrites(HttpClient client, string kapUnitId, IReadOnlyList<string> doctorIds)
    {
        this.client = client;
        this.kapUnitId = kapUnitId;
        this.doctorIds = doctorIds;
    }

    /// <summary>Writes the host acknowledged.</summary>
    public int Acknowledged { get; private set; }

    public static async Task<SecretaryWrites> PrepareAsync(HttpClient client)
    {
        var data = await PostAsync(client, """
            { kapUnits(first: 1) { nodes { id } }
              doctors(first: 100, where: { phase: { eq: GP }, establishedOn: { lt: "2024-01-01" }, retiredOn: { eq: null } }) { nodes { id } } }
            """, null);
        return new SecretaryWrites(
            client,
            data.GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString()!,
            [.. data.GetProperty("doctors").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)]);
    }

    public async Task NextAsync(Random random)
    {
        if (current is null || current.Changes >= ChangesPerGroup)
        {
            await CreateGroupAsync();
        }
        else if (current.Members.Count < 6)
        {
            await AddMemberAsync(random);
        }
        else if (random.Next(2) == 0)
        {
            await RecordMeetingAsync();
        }
        else
        {
            await RenameAsync();
        }

        Acknowledged++;
    }

    private async Task CreateGroupAsync()
    {
        var name = $"Soak-gruppe {++groupsCreated}";
        var group = (await MutateAsync("createGroup", "group { id version }", new { name, kind = "DGE", kapUnitId, foundedOn = "2025-01-01" })).GetProperty("group");
        current = new Group(group.GetProperty("id").GetString()!, name) { Version = group.GetProperty("version").GetInt32() };
    }

    private async Task AddMemberAsync(Random random)
    {
        var group = current!;
        var doctorId = doctorIds.Where(d => !group.Members.Contains(d)).ElementAt(random.Next(doctorIds.Count - group.Members.Count));
        var role = group.Members.Count == 0 ? "LEADER" : "MEMBER";
        var payload = await MutateAsync("addGroupMember", "membership { group { version } }", new { groupId = group.Id, doctorId, from = MembersFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), role });
        group.Members.Add(doctorId);
        group.Version = payload.GetProperty("membership").GetProperty("group").GetProperty("version").GetInt32();
        group.Changes++;
    }

    private async Task RecordMeetingAsync()
    {
        var group = current!;
        var date = MembersFrom.AddDays(30 + (7 * group.Changes));
        var payload = await MutateAsync("recordMeeting", "meeting { group { version } }", new
        {
            groupId = group.Id,
            date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            durationHours = 2.5,
            attendeeIds = group.Members,
        });
        group.Version = payload.GetProperty("meeting").GetProperty("group").GetProperty("version").GetInt32();
        group.Changes++;
    }

    private async Task RenameAsync()
    {
        var group = current!;
        var payload = await MutateAsync("updateGroup", "group { version }", new { id = group.Id, expectedVersion = group.Version, name = $"{group.Name} ({group.Changes})" });
        group.Version = payload.GetProperty("group").GetProperty("version").GetInt32();
        group.Changes++;
    }

    // Any error in the payload is the host's fault: every input here keeps the rules.
    private async Task<JsonElement> MutateAsync(string mutation, string selection, object input)
    {
        var type = char.ToUpperInvariant(mutation[0]) + mutation[1..];
        var data = await PostAsync(
            client,
            $"mutation($input: {type}Input!) {{ {mutation}(input: $input) {{ {selection} errors {{ __typename ... on Error {{ message }} }} }} }}",
            new { input });
        var payload = data.GetProperty(mutation);
        if (payload.GetProperty("errors").ValueKind != JsonValueKind.Null)
        {
            throw new InvalidOperationException($"{mutation} refused: {payload.GetProperty("errors")}");
        }

        return payload;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string query, object? variables)
    {
        using var response = await client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || json.RootElement.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }

        return json.RootElement.GetProperty("data").Clone();
    }

    private sealed class Group(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public List<string> Members { get; } = [];

        public int Version { get; set; }

        public int Changes { get; set; }
    }
}
