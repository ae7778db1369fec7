using System.Globalization;
using System.Text;

namespace Dge.Api.GraphQL.Paging;

/// <summary>
/// Offset cursors bound to their connection and order (base64 of <c>connection:order fingerprint:position</c>, opaque to
/// clients), and the window a <c>first/after/last/before</c> combination selects.
/// </summary>
public sealed record PageWindow(CursorScope Scope, int Skip, int Take, bool FromEnd, bool NeedsTotal)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>The largest position a cursor may point at; far beyond any table here.</summary>
    public const int MaxOffset = 1_000_000_000;

    /// <summary>
    /// False when the client selected nothing of the connection but <c>totalCount</c> (and <c>__typename</c>): then only the
    /// total is read, and no page of items.
    /// </summary>
    public bool NeedsItems { get; init; } = true;

    /// <summary>The cursor of the item at zero-based <paramref name="offset"/> in this window's connection and order.</summary>
    public string Cursor(int offset) => CursorAt(Scope, offset);

    /// <summary>The cursor of the item at zero-based <paramref name="offset"/> in <paramref name="scope"/>.</summary>
    public static string CursorAt(CursorScope scope, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(scope.Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Validates the arguments. <see cref="FromEnd"/> marks <c>last</c> without <c>before</c>: the window is then counted
    /// from the end, so the total is needed to place it.
    /// </summary>
    public static PageWindow From(CursorScope scope, int? first, string? after, int? last, string? before, bool totalRequested)
    {
        if (first is not null && last is not null)
        {
            throw DgeQueryError.InvalidPaging("first", "Pass either first or last, not both.");
        }

        CheckSize("first", first);
        CheckSize("last", last);
        var start = after is null ? 0 : Offset(scope, "after", after) + 1;
        int? end = before is null ? null : Offset(scope, "before", before);
        if (end is { } e && e < start)
        {
            return new PageWindow(scope, start, 0, FromEnd: false, totalRequested);
        }

        if (last is { } lastCount)
        {
            return end is { } stop
                ? new PageWindow(scope, Math.Max(start, stop - lastCount), Math.Min(lastCount, stop - start), FromEnd: false, totalRequested)
                : new PageWindow(scope, start, lastCount, FromEnd: true, NeedsTotal: true);
        }

        var take = first ?? DefaultPageSize;
        return new PageWindow(scope, start, end is { } until ? Math.Min(take, until - start) : take, FromEnd: false, totalRequested);
    }

    /// <summary>Where a from-the-end window starts once the total is known.</summary>
    public PageWindow Placed(int total)
    {
        if (!FromEnd)
        {
            return this;
        }

        var skip = Math.Max(Skip, total - Take);
        return this with { Skip = skip, Take = Math.Max(0, total - skip), FromEnd = false };
    }

    private static void CheckSize(string argument, int? size)
    {
        if (size is < 0)
        {
            throw DgeQueryError.InvalidPaging(argument, $"{argument} must not be negative.");
        }

        if (size > MaxPageSize)
        {
            throw DgeQueryError.InvalidPaging(argument, $"{argument} may be at most {MaxPageSize}; page through larger results with after/before.");
        }
    }

    private static int Offset(CursorScope scope, string argument, string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            throw DgeQueryError.InvalidPaging(argument, $"{argument} is not a cursor: pass a cursor this connection returned.");
        }

        if (!text.StartsWith(scope.Prefix, StringComparison.Ordinal))
        {
            throw DgeQueryError.InvalidPaging(
                argument, $"{argument} is a cursor of another connection or order: a cursor is valid only on the connection ({scope.Connection}) and order that returned it.");
        }

        // Offsets stay far from int.MaxValue so start and end arithmetic cannot overflow.
        return int.TryParse(text.AsSpan(scope.Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= MaxOffset
            ? offset
            : throw DgeQueryError.InvalidPaging(argument, $"{argument} is not a cursor: pass a cursor this connection returned.");
    }
}
