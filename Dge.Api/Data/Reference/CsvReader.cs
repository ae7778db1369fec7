using System.Text;

namespace Dge.Api.Data.Reference;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, fields optionally double-quoted, quotes doubled inside quoted fields,
/// and commas or line breaks allowed inside quotes (the reference notes and funding rules use both).
/// </summary>
internal static class CsvReader
{
    public static IReadOnlyList<CsvRecord> Read(string text, string source)
    {
        var rows = SplitRows(text, source);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{source} has no header row.");
        }

        var header = rows[0].Fields;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            columns.Add(header[i], i);
        }

        var records = new List<CsvRecord>(rows.Count - 1);
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"{source} line {line} has {fields.Count} fields; the header has {header.Count}.");
            }

            records.Add(new CsvRecord(columns, fields, source, line));
        }

        return records;
    }

    private static List<(int Line, IReadOnlyList<string> Fields)> SplitRows(string text, string source)
    {
        var rows = new List<(int, IReadOnlyList<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowStartLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw new InvalidDataException($"{source} line {line}: a quote inside an unquoted field.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowStartLine = line;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw new InvalidDataException($"{source} line {line}: text after a closing quote.");
                    }

                    field.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            throw new InvalidDataException($"{source} line {rowStartLine}: a quoted field is never closed.");
        }

        EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;

            // A blank line (typically the one after the final line break) is not a record.
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                rows.Add((rowStartLine, fields.ToArray()));
            }

            fields.Clear();
        }
    }
}

/// <summary>One CSV data row, read by column name.</summary>
internal sealed class CsvRecord(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields, string source, int line)
{
    public string Source => source;

    public int Line => line;

    /// <summary>The field, trimmed: the reference CSVs are edited by hand and stray spaces carry no meaning.</summary>
    public string this[string column] => columns.TryGetValue(column, out var index)
        ? fields[index].Trim()
        : throw new InvalidDataException($"{source} has no column '{column}'.");

    /// <summary>The field, or null when it is empty.</summary>
    public string? Optional(string column) => this[column] is { Length: > 0 } value ? value : null;

    public string Required(string column) =>
        Optional(column) ?? throw new InvalidDataException($"{source} line {line}: '{column}' is empty.");
}
