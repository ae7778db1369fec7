using System.Globalization;
using System.Text;
using System.Text.Json;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Import;

/// <summary>
/// Real references for import files, read through the API as anyone may (KAP unit codes, clinics' ydernumre and the names
/// of the doctors working there today: public data), and the CSV files built from them.
/// </summary>
internal static class ImportData
{
    private const string ReferencesQuery = """
        {
          kapUnits(first: 1) { nodes { code } }
          clinics(first: 60) { nodes { ydernummer doctors(first: 20) { nodes { firstName lastName } } } }
        }
        """;

    public static string Header => "gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra";

    /// <summary>The founding day of the test groups: a week ago, so the doctors working in their clinics today did then too, mostly.</summary>
    public static string FoundedOn => DateTime.Today.AddDays(-7).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>A KAP unit's code, and doctors working in a clinic today whose name no colleague there shares, each with the clinic's ydernummer.</summary>
    public static async Task<(string KapUnit, List<(string Ydernummer, string Doctor)> Clinicians)> ReferencesAsync(HttpClient client)
    {
        using var response = await client.SendAsync(PostQuery(ReferencesQuery));
        var data = (await JsonAsync(response)).GetProperty("data");
        var kapUnit = data.GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("code").GetString()!;
        var clinicians = data.GetProperty("clinics").GetProperty("nodes").EnumerateArray()
            .SelectMany(clinic => clinic.GetProperty("doctors").GetProperty("nodes").EnumerateArray()
                .Select(d => $"{d.GetProperty("firstName").GetString()} {d.GetProperty("lastName").GetString()}")
                .GroupBy(name => name).Where(name => name.Count() == 1)
                .Select(name => (clinic.GetProperty("ydernummer").GetString()!, name.Key)))
            .DistinctBy(c => c.Key)
            .ToList();
        return (kapUnit, clinicians);
    }

    /// <summary>A row of a group's member: the first of a group leads it.</summary>
    public static string Row(string group, string kapUnit, (string Ydernummer, string Doctor) clinician, string role = "medlem") =>
        $"{group};{kapUnit};DGE;{FoundedOn};{clinician.Ydernummer};{clinician.Doctor};{role};";

    /// <summary>Groups of three members from <paramref name="clinicians"/> (from <paramref name="skip"/> on), the first of each the leader.</summary>
    public static List<string> Groups(string kapUnit, List<(string Ydernummer, string Doctor)> clinicians, int skip, params string[] names) =>
        names.SelectMany((name, g) => clinicians.Skip(skip + (g * 3)).Take(3).Select((c, i) => Row(name, kapUnit, c, i == 0 ? "gruppeleder" : "medlem"))).ToList();

    /// <summary>The file as Danish Excel writes it: a BOM, then the lines joined by CRLF.</summary>
    public static byte[] File(IEnumerable<string> rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Header)) + "\r\n")];

    /// <summary>The names of the groups the API lists whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<List<string>> GroupNamesAsync(HttpClient client, string prefix)
    {
        var query = JsonSerializer.Serialize(new { query = "query($p: String!) { groups(first: 50, where: { name: { startsWith: $p } }) { nodes { name } } }", variables = new { p = prefix } });
        using var response = await client.SendAsync(Post(query));
        var json = await JsonAsync(response);
        return [.. json.GetProperty("data").GetProperty("groups").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!)];
    }
}
