namespace Dge.Api.GraphQL.Limits;

/// <summary>Sums of field counts that stop growing at a ceiling instead of overflowing (a fragment bomb expands to 2^n fields).</summary>
internal static class Saturating
{
    public const long Ceiling = long.MaxValue / 4;

    public static long Add(long a, long b) => Math.Min(Ceiling, a + b);
}
