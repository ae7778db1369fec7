using System.Globalization;
using System.Text;

namespace Dge.Admin.Areas.Admin.Pages.Import;

/// <summary>
/// The group import's file: CSV in UTF-8 (with or without a BOM), separated by <c>;</c> or <c>,</c> as Danish Excel
/// writes it, a header row naming the columns (in any order), one member a row. Reads what it can and says, row by row
/// and in Danish, what it cannot; the API checks the rest (references, duplicates, the groups' rules).
/// </summary>
public static class GroupCsv
{
    /// <summary>The largest file the page reads.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The columns, in the template's order; the first six are required.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["gruppe", "kap_enhed", "type", "stiftet", "ydernummer", "laege", "rolle", "fra"];

    private static readonly int RequiredColumns = 6;

    /// <summary>Header spellings besides the column names themselves.</summary>
    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["læge"] = "laege",
        ["kap-enhed"] = "kap_enhed",
        ["kapenhed"] = "kap_enhed",
        ["kap enhed"] = "kap_enhed",
    };

    /// <summary>Group kinds by the API's names and the words coordinators use.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DGE"] = "DGE",
        ["TOPIC"] = "TOPIC",
        ["emnegruppe"] = "TOPIC",
        ["SUPERVISION"] = "SUPERVISION",
        ["supervisionsgruppe"] = "SUPERVISION",
        ["JUNIOR"] = "JUNIOR",
        ["juniorgruppe"] = "JUNIOR",
        ["NEW_GP"] = "NEW_GP",
        ["nynedsat"] = "NEW_GP",
        ["nynedsatte"] = "NEW_GP",
        ["KGE"] = "KGE",
    };

    private static readonly Dictionary<string, string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MEMBER"] = "MEMBER",
        ["medlem"] = "MEMBER",
        ["LEADER"] = "LEADER",
        ["gruppeleder"] = "LEADER",
        ["leder"] = "LEADER",
        ["TREASURER"] = "TREASURER",
        ["kasserer"] = "TREASURER",
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The template: the header row and one example row, with a BOM and <c>;</c>, as Danish Excel opens it.</summary>
    public static byte[] Template() =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(
            string.Join(';', Columns) + "\r\n"
            + "Lægegruppen Østerbro;KAP-H;DGE;01-03-2025;012345;Anne Sørensen;gruppeleder;01-03-2025\r\n")];

    /// <summary>Reads the file's rows, or says why the file as a whole cannot be read.</summary>
    public static GroupCsvFile Parse(byte[] content)
    {
        string text;
        try
        {
            var bom = content.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()) ? 3 : 0;
            text = StrictUtf8.GetString(content, bom, content.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return GroupCsvFile.Failed("Filen er ikke UTF-8. Gem den i Excel som »CSV UTF-8 (kommasepareret)« og prøv igen.");
        }

        var records = Records(text).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (records.Count == 0)
        {
            return GroupCsvFile.Failed("Filen er tom.");
        }

        var header = records[0];
        var columns = header.Fields.Select(f => f.Trim()).Select(f => HeaderAliases.GetValueOrDefault(f, f.ToLowerInvariant())).ToList();
        var missing = Columns.Take(RequiredColumns).Where(c => !columns.Contains(c)).ToList();
        if (missing.Count == RequiredColumns)
        {
            return GroupCsvFile.Failed($"Første linje skal være overskrifterne: {string.Join(';', Columns)} (rolle og fra må udelades).");
        }

        var unknown = columns.Where(c => !Columns.Contains(c)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            return GroupCsvFile.Failed(string.Join(" ", new[]
            {
                missing.Count > 0 ? $"Overskriften mangler kolonnen {string.Join(", ", missing)}." : null,
                unknown.Count > 0 ? $"Ukendt kolonne {string.Join(", ", unknown.Select(u => $"»{u}«"))}; kolonnerne er {string.Join(';', Columns)}." : null,
            }.OfType<string>()));
        }

        if (columns.Distinct().Count() != columns.Count)
        {
            return GroupCsvFile.Failed("En kolonne står to gange i overskriften.");
        }

        return new GroupCsvFile(records.Skip(1).Select(record => Row(record, columns)).ToList(), null);
    }

    private static GroupCsvRow Row(Record record, List<string> columns)
    {
        var problems = new List<string>();
        if (record.Fields.Count != columns.Count)
        {
            problems.Add($"Rækken har {record.Fields.Count} felter; overskriften har {columns.Count}.");
        }

        string Value(string column) => columns.IndexOf(column) is var i and >= 0 && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;

        string Required(string column, string what)
        {
            var value = Value(column);
            if (value.Length == 0)
            {
                problems.Add($"{what} mangler.");
            }

            return value;
        }

        DateOnly? Date(string value, string what)
        {
            if (value.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add($"{what} »{value}« er ikke en dato (skriv åååå-mm-dd eller dd-mm-åååå).");
            return null;
        }

        string? Lookup(Dictionary<string, string> names, string value, string what, string choices)
        {
            if (value.Length == 0)
            {
                return null;
            }

            if (names.TryGetValue(value, out var name))
            {
                return name;
            }

            problems.Add($"{what} »{value}« kendes ikke; brug {choices}.");
            return null;
        }

        var kindText = Required("type", "Gruppetypen (type)");
        var foundedText = Required("stiftet", "Stiftelsesdatoen (stiftet)");
        var values = new GroupCsvValues(
            Required("gruppe", "Gruppens navn (gruppe)"),
            Required("kap_enhed", "KAP-enheden (kap_enhed)"),
            kindText,
            foundedText,
            Required("ydernummer", "Ydernummeret"),
            Required("laege", "Lægen (laege)"),
            Value("rolle"),
            Value("fra"));
        var kind = Lookup(Kinds, kindText, "Gruppetypen", "DGE, emnegruppe, supervisionsgruppe, juniorgruppe, nynedsatte eller KGE");
        var foundedOn = Date(foundedText, "Stiftelsesdatoen");
        var role = Lookup(Roles, values.Role, "Rollen", "medlem, gruppeleder eller kasserer");
        var from = Date(values.From, "Startdatoen (fra)");
        return new GroupCsvRow(record.Line, values, kind, foundedOn, role, from, problems);
    }

    /// <summary>RFC 4180 records: quoted fields may hold the separator, line breaks and doubled quotes. The separator is the header's: <c>;</c> unless it has none and has <c>,</c>.</summary>
    private static IEnumerable<Record> Records(string text)
    {
        var firstLine = text.AsSpan(0, text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length);
        var separator = !firstLine.Contains(';') && firstLine.Contains(',') ? ',' : ';';
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                quoted = true;
                field.Clear();
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                yield return new Record(recordLine, fields);
                fields = [];
                field.Clear();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields);
        }
    }

    private sealed record Record(int Line, List<string> Fields);
}

/// <summary>A read file: its rows, or the reason none could be read.</summary>
public sealed record GroupCsvFile(IReadOnlyList<GroupCsvRow> Rows, string? Error)
{
    public static GroupCsvFile Failed(string error) => new([], error);
}

/// <summary>A row's cells as written (trimmed).</summary>
public sealed record GroupCsvValues(string Group, string KapUnit, string Kind, string FoundedOn, string Ydernummer, string Doctor, string Role, string From);

/// <summary>One row: its line in the file, its cells, the values read from them, and what could not be read.</summary>
public sealed record GroupCsvRow(int Line, GroupCsvValues Values, string? Kind, DateOnly? FoundedOn, string? Role, DateOnly? From, IReadOnlyList<string> Problems)
{
    /// <summary>The row as the API's GroupImportRowInput; only for a row without problems.</summary>
    public object ToInput() => new
    {
        line = Line,
        groupName = Values.Group,
        kapUnitCode = Values.KapUnit,
        kind = Kind,
        foundedOn = FoundedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ydernummer = Values.Ydernummer,
        doctor = Values.Doctor,
        role = Role,
        from = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
