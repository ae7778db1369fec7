namespace Dge.Admin.Forms;

/// <summary>
/// A stale edit: someone saved the entity after the secretary opened the form. The page shows the fields whose saved value
/// now differs from what was typed, keeps the typed values, and offers to reload; saving again overwrites knowingly.
/// </summary>
public sealed record Conflict(string Message, IReadOnlyList<FieldChange> Changes, string ReloadUrl)
{
    /// <summary>The fields where the saved value and the typed one differ.</summary>
    public static IReadOnlyList<FieldChange> Compare(params (string Label, string? Mine, string? Current)[] fields) =>
        fields.Where(f => !string.Equals(f.Mine?.Trim(), f.Current?.Trim(), StringComparison.Ordinal))
            .Select(f => new FieldChange(f.Label, f.Mine, f.Current))
            .ToList();
}

public sealed record FieldChange(string Label, string? Mine, string? Current);
