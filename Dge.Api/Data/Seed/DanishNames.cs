namespace Dge.Api.Data.Seed;

/// <summary>
/// Common Danish names and street names for synthetic people and clinics. Bogus has no Danish locale, and its
/// Norwegian or Swedish names would look wrong to Danish users.
/// </summary>
internal static class DanishNames
{
    public static readonly string[] FirstNames =
    [
        "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Camilla",
        "Louise", "Charlotte", "Tina", "Pia", "Karina", "Julie", "Sofie", "Ida", "Emma", "Laura",
        "Cecilie", "Line", "Maja", "Signe", "Katrine", "Rikke", "Trine", "Birgitte", "Inge", "Lise",
        "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Niels", "Jesper", "Martin",
        "Anders", "Rasmus", "Morten", "Christian", "Jan", "Per", "Hans", "Jørgen", "Mads", "Mikkel",
        "Frederik", "Kasper", "Jakob", "Simon", "Nikolaj", "Mathias", "Jonas", "Ole", "Torben", "Steen",
    ];

    public static readonly string[] LastNames =
    [
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
        "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
        "Knudsen", "Jakobsen", "Jacobsen", "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Holm",
        "Schmidt", "Eriksen", "Kristiansen", "Nissen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen",
        "Mogensen", "Jespersen", "Nørgaard", "Lauridsen", "Kjær", "Jepsen", "Frandsen", "Thygesen", "Søndergaard", "Kjeldsen",
        "Dam", "Bach", "Vestergaard", "Bertelsen", "Brandt", "Lassen", "Overgaard", "Dalgaard", "Bruun", "Toft",
    ];

    public static readonly string[] Streets =
    [
        "Vestergade", "Østergade", "Nørregade", "Søndergade", "Algade", "Torvet", "Jernbanegade", "Stationsvej",
        "Skolegade", "Kirkegade", "Bredgade", "Storegade", "Hovedgaden", "Møllevej", "Parkvej", "Strandvejen",
        "Skovvej", "Havnegade", "Klostergade", "Adelgade", "Bygaden", "Vestre Allé", "Kongensgade", "Dronningensgade",
        "Prinsensgade", "Frederiksgade", "Nygade", "Torvegade", "Fælledvej", "Sundhedshusvej",
    ];

    /// <summary>An ASCII form for e-mail local parts and URL slugs: æ → ae, ø → oe, å → aa, everything else dropped or dashed.</summary>
    public static string Ascii(string text, char separator)
    {
        var builder = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text.ToLowerInvariant())
        {
            switch (c)
            {
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'ø':
                    builder.Append("oe");
                    break;
                case 'å':
                    builder.Append("aa");
                    break;
                case >= 'a' and <= 'z' or >= '0' and <= '9':
                    builder.Append(c);
                    break;
                default:
                    if (builder.Length > 0 && builder[^1] != separator)
                    {
                        builder.Append(separator);
                    }

                    break;
            }
        }

        return builder.ToString().TrimEnd(separator);
    }
}
