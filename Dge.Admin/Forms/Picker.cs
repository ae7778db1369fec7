using Dge.Admin.Client;
using Dge.Admin.Lists;

namespace Dge.Admin.Forms;

/// <summary>A choice a picker offers: the entity's global id and how a secretary recognises it.</summary>
public sealed record PickerOption(string Id, string Label);

/// <summary>
/// A form field that picks a related entity (a doctor, a group, a clinic, a theme). With scripts, it searches as you type
/// (<c>/admin/pick/{kind}</c>) and keeps the chosen id in a hidden field; without, the typed text is looked up when the form
/// is sent: one match is taken, several are offered as choices, none is an error at the field.
/// </summary>
public sealed record PickerField(string Kind, string Property, string Label, string? Text, string? Id, IReadOnlyList<PickerOption> Candidates, string? Hint = null, string Prefix = "Input.")
{
    /// <summary>The form field of the typed text (<c>Input.DoctorText</c>), beside the id's (<c>Input.DoctorId</c>).</summary>
    public string TextName => $"{Prefix}{Property}Text";

    public string IdName => $"{Prefix}{Property}Id";
}

/// <summary>The kinds of entity a picker searches, each with its operation, its filter and its label.</summary>
public static class PickerSearch
{
    public const int MaxOptions = 10;

    private static readonly Dictionary<string, (string Operation, string Noun, Func<string, Dictionary<string, object?>?> Where)> Kinds = new(StringComparer.Ordinal)
    {
        // Every word must be part of the first or the last name: "jens han" finds Jens Hansen.
        ["doctor"] = ("AdminPickDoctors", "læge", text => ListQuery.And(Words(text).Select(word => ListQuery.Search(word, "firstName", "lastName")).ToArray())),
        ["group"] = ("AdminPickGroups", "gruppe", text => ListQuery.Search(text, "name")),
        ["clinic"] = ("AdminPickClinics", "klinik", text => ListQuery.Search(text, "name", "ydernummer")),
        ["theme"] = ("AdminPickThemes", "tema", text => ListQuery.Search(text, "code", "nameDa")),
        ["material"] = ("AdminPickMaterials", "materiale", text => ListQuery.And(Words(text).Select(word => ListQuery.Search(word, "title")).ToArray())),
    };

    public static bool IsKind(string kind) => Kinds.ContainsKey(kind);

    /// <summary>Up to <see cref="MaxOptions"/> entities of <paramref name="kind"/> matching <paramref name="text"/>, and whether there were more.</summary>
    public static async Task<(IReadOnlyList<PickerOption> Options, bool More)> SearchAsync(IAdminGraphQLClient client, string kind, string text, CancellationToken cancellationToken)
    {
        var (operation, _, where) = Kinds[kind];
        var response = await client.ExecuteAsync(
            new GraphQLRequest(AdminOperations.Read(operation), new Dictionary<string, object?> { ["where"] = where(text) }, operation), cancellationToken);
        if (!response.IsSuccess)
        {
            return ([], false);
        }

        var options = response.Read<PickData>() switch
        {
            { Doctors: { } doctors } => doctors.Nodes.Select(d => new PickerOption(d.Id, d.Clinic is { } c ? $"{d.FirstName} {d.LastName} – {c.Name} ({c.Ydernummer})" : $"{d.FirstName} {d.LastName}")),
            { Groups: { } groups } => groups.Nodes.Select(g => new PickerOption(g.Id, $"{g.Name} – {g.KapUnit.Name}")),
            { Clinics: { } clinics } => clinics.Nodes.Select(c => new PickerOption(c.Id, $"{c.Name} ({c.Ydernummer})")),
            { Themes: { } themes } => themes.Nodes.Select(t => new PickerOption(t.Id, $"{t.NameDa} ({t.Code})")),
            { LearningMaterials: { } materials } => materials.Nodes.Select(m => new PickerOption(m.Id, $"{m.Title} ({Labels.MaterialKinds.Of(m.Kind)})")),
            _ => [],
        };
        var list = options.ToList();
        return (list.Take(MaxOptions).ToList(), list.Count > MaxOptions);
    }

    /// <summary>
    /// The id the form was sent with: the chosen one, or the one the typed text names alone. Otherwise the error to show at
    /// the field, with the candidates to choose among when the text names several.
    /// </summary>
    public static async Task<PickResult> ResolveAsync(IAdminGraphQLClient client, string kind, string? text, string? id, CancellationToken cancellationToken)
    {
        var noun = Kinds[kind].Noun;
        if (!string.IsNullOrWhiteSpace(id))
        {
            // The API checks the id (a NotFoundError at the field when it names nothing).
            return new PickResult(id.Trim(), [], null);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new PickResult(null, [], $"Vælg en {noun}.");
        }

        var (options, more) = await SearchAsync(client, kind, text, cancellationToken);
        return options.Count switch
        {
            0 => new PickResult(null, [], $"Ingen {noun} matcher »{text.Trim()}«."),
            1 => new PickResult(options[0].Id, [], null),
            _ => new PickResult(null, options, more
                ? $"Over {MaxOptions} matcher »{text.Trim()}«; skriv mere, eller vælg herunder."
                : $"Flere matcher »{text.Trim()}«; vælg én herunder."),
        };
    }

    private static IEnumerable<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed record PickData(NodeList<PickedDoctor>? Doctors, NodeList<PickedGroup>? Groups, NodeList<PickedClinic>? Clinics, NodeList<PickedTheme>? Themes, NodeList<PickedMaterial>? LearningMaterials);

    private sealed record PickedMaterial(string Id, string Title, string Kind);

    private sealed record PickedDoctor(string Id, string FirstName, string LastName, PickedClinic? Clinic);

    private sealed record PickedGroup(string Id, string Name, PickedName KapUnit);

    private sealed record PickedName(string Name);

    private sealed record PickedClinic(string Id, string Name, string Ydernummer);

    private sealed record PickedTheme(string Id, string Code, string NameDa);
}

/// <summary>What a picker's field was sent as: an id, or an error and perhaps candidates to choose among.</summary>
public sealed record PickResult(string? Id, IReadOnlyList<PickerOption> Candidates, string? Error);
