using Dge.Api.Data;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>The checks every area's inputs share: required text, lengths, dates, periods and links.</summary>
public static class InputRules
{
    /// <summary>The earliest and latest dates an input may hold: far beyond any DGE data, short of calendar overflow.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    /// <summary>The text trimmed; empty or longer than <paramref name="maxLength"/> is refused on <paramref name="field"/>.</summary>
    public static string Text(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw MutationRefusedException.Invalid(field, "REQUIRED", $"{field} must not be empty.");
        }

        return text.Length <= maxLength
            ? text
            : throw MutationRefusedException.Invalid(field, "TOO_LONG", $"{field} may hold at most {maxLength} characters; it holds {text.Length}.");
    }

    public static DateOnly Date(DateOnly value, string field) =>
        value >= EarliestDate && value <= LatestDate
            ? value
            : throw MutationRefusedException.Invalid(field, "DATE_OUT_OF_RANGE", $"{field} must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}; {value:yyyy-MM-dd} was given.");

    /// <summary>A period's end: not before its start (periods are half-open, [from, to)).</summary>
    public static DateOnly? End(DateOnly? to, DateOnly from, string field)
    {
        if (to is not { } end)
        {
            return null;
        }

        Date(end, field);
        return end >= from
            ? end
            : throw MutationRefusedException.Invalid(field, "PERIOD_ORDER", $"{field} ({end:yyyy-MM-dd}) must not be before the start ({from:yyyy-MM-dd}).");
    }

    /// <summary>An absolute http(s) link.</summary>
    public static string Url(string? value, string field, int maxLength)
    {
        var text = Text(value, field, maxLength);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? text
            : throw MutationRefusedException.Invalid(field, "INVALID_URL", $"{field} must be an absolute http or https link.");
    }

    /// <summary>An e-mail address: one @ with text before it and a dotted domain after it, no spaces.</summary>
    public static string Email(string? value, string field, int maxLength)
    {
        var text = Text(value, field, maxLength);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var domain = at > 0 ? text[(at + 1)..] : string.Empty;
        return at > 0 && !domain.Contains('@', StringComparison.Ordinal) && domain.Trim('.').Contains('.', StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace)
            ? text
            : throw MutationRefusedException.Invalid(field, "INVALID_EMAIL", $"{field} must be an e-mail address such as navn@klinik.dk.");
    }

    /// <summary>A phone number: digits with spaces, hyphens and a leading + allowed, 8 to 15 digits.</summary>
    public static string Phone(string? value, string field)
    {
        var text = Text(value, field, 30);
        var digits = text.Count(char.IsAsciiDigit);
        var allowed = text.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '-' || (c == '+' && i == 0)).All(ok => ok);
        return allowed && digits is >= 8 and <= 15
            ? text
            : throw MutationRefusedException.Invalid(field, "INVALID_PHONE", $"{field} must be a phone number of 8–15 digits, such as +45 12 34 56 78.");
    }

    /// <summary>Whether two half-open periods share a day.</summary>
    public static bool Overlap(DateOnly from, DateOnly? to, IPeriod other) =>
        (to is null || other.From < to) && (other.To is null || from < other.To);
}
