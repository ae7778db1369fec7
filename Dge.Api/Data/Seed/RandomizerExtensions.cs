using Bogus;

namespace Dge.Api.Data.Seed;

/// <summary>
/// The few draws the generators need, built on Bogus' seeded <see cref="Randomizer"/> and plain arithmetic only:
/// no Math.Exp or Math.Log, whose last bits may differ between platforms and would break byte-identical seeds.
/// </summary>
internal static class RandomizerExtensions
{
    public static bool Chance(this Randomizer random, double probability) => random.Double() < probability;

    /// <summary>A day in [from, until).</summary>
    public static DateOnly Date(this Randomizer random, DateOnly from, DateOnly until)
    {
        var days = until.DayNumber - from.DayNumber;
        return days > 0
            ? from.AddDays(random.Number(0, days - 1))
            : throw new ArgumentOutOfRangeException(nameof(until), $"The range [{from:O}, {until:O}) is empty.");
    }

    public static T Pick<T>(this Randomizer random, IReadOnlyList<T> items) => items[random.Number(0, items.Count - 1)];

    public static T Weighted<T>(this Randomizer random, IReadOnlyList<(T Item, double Weight)> table)
    {
        var total = 0.0;
        foreach (var (_, weight) in table)
        {
            total += weight;
        }

        var draw = random.Double() * total;
        foreach (var (item, weight) in table)
        {
            draw -= weight;
            if (draw < 0)
            {
                return item;
            }
        }

        return table[^1].Item;
    }

    /// <summary>A multiple of <paramref name="step"/> in [min, max].</summary>
    public static double Steps(this Randomizer random, double min, double max, double step) =>
        min + (step * random.Number(0, (int)((max - min) / step)));

    /// <summary>Fisher–Yates: a uniformly random order, in place.</summary>
    public static void ShuffleInPlace<T>(this Randomizer random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Number(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
