using System.Globalization;
using System.Text;

namespace Dge.Api.GraphQL.Paging;

/// <summary>
/// Offset cursors, as HotChocolate's queryable paging makes them (base64 of the zero-based position), and the
/// window a <c>first/after/last/before</c> combination selects.
/// </summary>
public sealed record PageWindow(int Skip, int Take, bool FromEnd, bool NeedsTotal)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>The largest position a cursor may point at; far beyond any table here.</summary>
    public const int MaxOffset = 1_000_000_000;

    public static string Cursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Validates the arguments. <see cref="FromEnd"/> marks <c>last</c> without <c>before</c>: the window is then counted
    /// from the end, so the total is needed to place it.
    /// </summary>
    public static PageWindow From(int? first, string? after, int? last, string? before, bool totalRequested)
    {
        if (first is not null && last is not null)
        {
            throw DgeQueryError.InvalidPaging("first", "Pass either first or last, not both.");
        }

        CheckSize("first", first);
        CheckSize("last", last);
        var start = after is null ? 0 : Offset("after", after) + 1;
        int? end = before is null ? null : Offset("before", before);
        if (end is { } e && e < start)
        {
            return new PageWindow(start, 0, FromEnd: false, totalRequested);
        }

        if (last is { } lastCount)
        {
            return end is { } stop
                ? new PageWindow(Math.Max(start, stop - lastCount), Math.Min(lastCount, stop - start), FromEnd: false, totalRequested)
                : new PageWindow(start, lastCount, FromEnd: true, NeedsTotal: true);
        }

        var take = first ?? DefaultPageSize;
        return new PageWindow(start, end is { } until ? Math.Min(take, until - start) : take, FromEnd: false, totalRequested);
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

    private static int Offset(string argument, string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            // Offsets stay far from int.MaxValue so start and end arithmetic cannot overflow.
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= MaxOffset)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the typed error below.
        }

        throw DgeQueryError.InvalidPaging(argument, $"{argument}: '{cursor}' is not a cursor of this connection.");
    }
}
