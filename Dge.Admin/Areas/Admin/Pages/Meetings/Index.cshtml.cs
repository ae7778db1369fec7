using System.Globalization;
using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Meetings;

/// <summary>The group meetings: filter by group, KAP unit and dates, sort by date, group or duration, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminMeetings";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("date", "date"),
        new("group", "group.name"),
        new("duration", "durationHours"),
    ];

    /// <summary>A group's global id: its meetings only (the group's page links here).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>Newest first unless another order is chosen: the latest meetings are the ones looked for.</summary>
    public SortColumn Order => ListQuery.Sort(Sort ?? "-date", Columns);

    public Connection<MeetingRow>? Meetings { get; private set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    /// <summary>The group the list is filtered by, for the filter's context; null when none (or the id names no group).</summary>
    public GroupContext? GroupFilter { get; private set; }

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Group))
        {
            var group = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read("AdminMeetingGroup"), new Dictionary<string, object?> { ["id"] = Group.Trim() }, "AdminMeetingGroup"), cancellationToken);
            GroupFilter = group.IsSuccess && group.Read<GroupData>().Node is { TypeName: "DgeGroup" } found ? found : null;
        }

        var variables = Variables();
        foreach (var (key, value) in ListQuery.Page(After, Before))
        {
            variables[key] = value;
        }

        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Meetings = response.Read<MeetingsData>().Meetings;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<MeetingsData>().Meetings, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} møder; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "moeder.csv",
            ["Dato", "Gruppe", "KAP-enhed", "Timer", "Deltagere", "Emner", "Id"],
            rows.Select(m => (IReadOnlyList<string?>)
            [
                Danish.Date(m.Date), m.Group.Name, m.Group.KapUnit.Name, Danish.Decimal(m.DurationHours, "0.##"),
                m.Attendees.TotalCount.ToString(CultureInfo.InvariantCulture), string.Join(", ", m.Themes.Nodes.Select(t => t.Code)), m.Id,
            ]));
    }

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(
            ListQuery.Field("group.id", "eq", Group),
            ListQuery.Field("group.kapUnit.code", "eq", KapUnit),
            ListQuery.Field("date", "gte", From is null ? null : Danish.Date(From)),
            ListQuery.Field("date", "lte", To is null ? null : Danish.Date(To)));
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record MeetingRow(string Id, DateOnly Date, double DurationHours, GroupRef Group, Count Attendees, NodeList<ThemeRef> Themes);

    public sealed record GroupRef(string Id, string Name, Named KapUnit);

    public sealed record Named(string Name);

    public sealed record Count(int TotalCount);

    public sealed record ThemeRef(string Code, string NameDa);

    public sealed record GroupContext([property: JsonPropertyName("__typename")] string TypeName, string Id, string Name, Named KapUnit);

    private sealed record GroupData(GroupContext? Node);

    private sealed record MeetingsData(Connection<MeetingRow> Meetings);
}
