namespace Dge.Api.Data.Collation;

/// <summary>
/// Danish alphabetical order, as the CLDR/ICU <c>da</c> collation defines it, for names sorted in SQL (a collation of
/// this <see cref="Name"/> on every connection) and in memory (<see cref="Comparer"/>). The host runs with invariant
/// globalization, so .NET's culture-aware comparison is not available and the order is written out here:
/// <list type="bullet">
/// <item>letters a–z, then æ, ø, å; <c>aa</c> counts as å (Aagaard sorts with Åberg), as Danish spelling rules and ICU do;</item>
/// <item>case does not split the order: a and A sort together, and only where nothing else differs comes upper case first,
/// compared letter by letter (so Å, AA, Aa, å, aa, as ICU's Danish collation with upper case first orders them);</item>
/// <item>accented letters sort with their base letter (é as e), and ä, ö, ü with æ, ø, y; digits and punctuation come first;</item>
/// <item>strings that are still equal are ordered by their UTF-16 code units, so only equal strings compare as equal.</item>
/// </list>
/// </summary>
public static class DanishCollation
{
    /// <summary>The collation's name in SQL (<c>COLLATE DANISH</c>); a PostgreSQL store maps it to an ICU <c>da</c> collation.</summary>
    public const string Name = "DANISH";

    /// <summary>The same order for in-memory sorting.</summary>
    public static IComparer<string?> Comparer { get; } = Comparer<string?>.Create(Compare);

    // Primary weights: ASCII punctuation and digits keep their code (all below the letters), letters follow in the
    // Danish alphabet, and any other character comes after them in code-point order.
    private const int LetterBase = 0x100;
    private const int OtherBase = 0x1000;
    private const int Ae = LetterBase + 26;
    private const int OSlash = LetterBase + 27;
    private const int ARing = LetterBase + 28;

    /// <summary>Lower-case letters that sort as another letter (their primary weight), with their accent as a secondary difference.</summary>
    private static readonly Dictionary<char, int> Folded = Fold(
        ("àáâãāăą", 'a'), ("çćč", 'c'), ("ďđð", 'd'), ("èéêëēėęě", 'e'), ("ìíîïīį", 'i'), ("ĺľł", 'l'), ("ñńň", 'n'),
        ("òóôõō", 'o'), ("ŕř", 'r'), ("śšş", 's'), ("ťţ", 't'), ("ùúûūů", 'u'), ("ýÿüű", 'y'), ("źżž", 'z'),
        ("ä", 'æ'), ("öő", 'ø'));

    public static int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var result = CompareAt(0, x, y);
        result = result != 0 ? result : CompareAt(1, x, y);
        result = result != 0 ? result : CompareCase(x, y);
        result = result != 0 ? result : CompareAt(2, x, y);
        return result != 0 ? result : Math.Sign(string.CompareOrdinal(x, y));
    }

    private static int CompareAt(int level, string x, string y)
    {
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var a = Next(x, ref i);
            var b = Next(y, ref j);
            var result = level switch
            {
                0 => a.Primary.CompareTo(b.Primary),
                1 => a.Accent.CompareTo(b.Accent),
                _ => a.Spelling.CompareTo(b.Spelling),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return (i < x.Length).CompareTo(j < y.Length);
    }

    /// <summary>Upper case first, letter by letter, whatever collation element the letter is part of.</summary>
    private static int CompareCase(string x, string y)
    {
        for (var i = 0; i < x.Length && i < y.Length; i++)
        {
            var result = IsUpper(y[i]).CompareTo(IsUpper(x[i]));
            if (result != 0)
            {
                return result;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static bool IsUpper(char c) => char.ToLowerInvariant(c) != c;

    /// <summary>The collation element at <paramref name="i"/>, moving past the one or two characters it spans.</summary>
    private static Element Next(string text, ref int i)
    {
        var c = text[i++];
        var lower = char.ToLowerInvariant(c);
        var upper = c != lower;
        // aa, Aa and AA are å (aA is no spelling of it), after å and Å where nothing else differs.
        if (lower == 'a' && i < text.Length && (text[i] == 'a' || (text[i] == 'A' && upper)))
        {
            i++;
            return new Element(ARing, 0, 1);
        }

        return lower switch
        {
            >= 'a' and <= 'z' => new Element(LetterBase + (lower - 'a'), 0, 0),
            'æ' => new Element(Ae, 0, 0),
            'ø' => new Element(OSlash, 0, 0),
            'å' => new Element(ARing, 0, 0),
            _ when Folded.TryGetValue(lower, out var primary) => new Element(primary, lower, 0),
            < (char)0x80 => new Element(lower, 0, 0),
            _ => new Element(OtherBase + lower, 0, 0),
        };
    }

    private static Dictionary<char, int> Fold(params (string Letters, char Base)[] groups)
    {
        var folded = new Dictionary<char, int>();
        foreach (var (letters, letter) in groups)
        {
            var primary = letter switch
            {
                'æ' => Ae,
                'ø' => OSlash,
                _ => LetterBase + (letter - 'a'),
            };
            foreach (var c in letters)
            {
                folded.Add(c, primary);
            }
        }

        return folded;
    }

    /// <summary>One collation element: its letter, its accent (0 for none) and its spelling (å 0, aa 1).</summary>
    private readonly record struct Element(int Primary, int Accent, int Spelling);
}
