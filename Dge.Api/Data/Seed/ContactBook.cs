using System.Globalization;
using Bogus;

namespace Dge.Api.Data.Seed;

/// <summary>Synthetic names, e-mail addresses and phone numbers; addresses and numbers are unique across everyone it hands out.</summary>
internal sealed class ContactBook
{
    // Danish numbers are eight digits, starting 2–9. Numbers are an affine permutation of a running index over that
    // space (the multiplier is coprime with 8·10^7), so they are unique without a lookup and look random.
    private const long PhoneSpace = 80_000_000;
    private const long PhoneMultiplier = 48_271;

    private static readonly string[] PersonalDomains = ["laegepost.dk", "praksismail.dk", "almenpraksis.net"];

    private readonly Dictionary<string, int> localPartUses = new(StringComparer.Ordinal);
    private readonly long phoneOffset;
    private long phonesIssued;

    public ContactBook(Randomizer random)
    {
        phoneOffset = random.Number(0, (int)PhoneSpace - 1);
    }

    public static (string First, string Last) NewName(Randomizer random) =>
        (random.ArrayElement(DanishNames.FirstNames), random.ArrayElement(DanishNames.LastNames));

    /// <summary>A personal address at one of the fictional mail hosts GPs use.</summary>
    public string PersonalEmail(string first, string last, Randomizer random) => Email(first, last, random.ArrayElement(PersonalDomains));

    /// <summary>"first.last@domain", numbered from the second person with the same name.</summary>
    public string Email(string first, string last, string domain)
    {
        var local = DanishNames.Ascii($"{first} {last}", '.');
        var uses = localPartUses.GetValueOrDefault(local) + 1;
        localPartUses[local] = uses;
        return uses == 1 ? $"{local}@{domain}" : $"{local}{uses.ToString(CultureInfo.InvariantCulture)}@{domain}";
    }

    public string NewPhone()
    {
        var number = 20_000_000 + (((PhoneMultiplier * phonesIssued++) + phoneOffset) % PhoneSpace);
        var digits = number.ToString(CultureInfo.InvariantCulture);
        return $"+45 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}";
    }
}
