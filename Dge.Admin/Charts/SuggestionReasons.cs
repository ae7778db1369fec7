namespace Dge.Admin.Charts;

/// <summary>The API's reasons for a group suggestion, as a Danish reader reads them.</summary>
public static class SuggestionReasons
{
    public static string Danish(string reason) => reason switch
    {
        "SHARED_CLUSTER" => "samme klynge",
        "SAME_MUNICIPALITY" => "samme kommune",
        "KIND_FIT" => "passende gruppetype",
        _ => reason,
    };

    public static string Describe(IEnumerable<string> reasons) => string.Join(", ", reasons.Select(Danish)) is { Length: > 0 } text ? text : "–";
}
