using System.Globalization;
using System.Text;
using Dge.Api.GraphQL.Relay;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>Values a careless or hostile client sends: SQL and LIKE metacharacters, awkward unicode, numbers out of range, impossible dates, forged ids.</summary>
public static class HostileValues
{
    public static readonly string[] Strings =
    [
        "'", "\"", ";--", "' OR 1=1 --", "'); DROP TABLE Doctors; --", "%", "_", "\\", "%_%", "[a-z]%", "*", "?", "$1", "{}", "\\0",
        "æøå", "ÆØÅ", "Ærø", "Søren Østergård", "Lægehuset", "lægehuset", "LÆGEHUSET", "Aa", "å", "a\u030A",
        "😀", "👩‍⚕️", "e\u0301", "\u202Eevil", "שלום", "مرحبا", "\u00A0", "\u200B", "\uFEFF", "İ", "ß", "ﬀ",
        "\u0007", "\t", "\r\n", "\u001F", "", " ", "null", "NaN", "-0", "true", new string('x', 501), new string('å', 500),
    ];

    public static readonly string[] Ints =
    [
        "0", "-1", "1", "2", "3", "100", "101", "2147483647", "2147483648", "-2147483648", "-2147483649", "99999999999999999999", "1e3", "1.5", "0x10", "007",
    ];

    public static readonly string[] Floats =
    [
        "0", "0.5", "-0.0", "2", "1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "1E-7", "12.000000000000001",
    ];

    public static readonly string[] Dates =
    [
        "2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", "2025-02-29", "2024-02-29", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01",
        "2026-1-1", "2026-01-01T00:00:00Z", "01-01-2026", "today", "", "-0001-01-01", "2026-00-10",
    ];

    /// <summary>Base64 junk, ids of the wrong type, keys out of range and tampered cursors.</summary>
    public static readonly string[] Ids =
    [
        "", "=", "!!!", "YWJj", "RG9jdG9y", NodeId.Encode("Doctor", 1), NodeId.Encode("Region", 1), NodeId.Encode("Nope", 3),
        Base64("Doctor:-1"), Base64("Doctor:0"), Base64("Doctor:99999999999"), Base64("Doctor:1' OR '1'='1"), Base64(":1"), Base64("Doctor:"),
        Base64("Clinic:١٢"), new string('A', 400), "0", "MQ==", Base64("cursor:5"), Base64("{\"offset\":-5}"),
    ];

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A GraphQL string literal: quotes, backslashes and control characters escaped, everything else as is.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
