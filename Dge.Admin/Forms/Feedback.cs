using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Dge.Admin.Forms;

/// <summary>
/// What a form tells the secretary after post-redirect-get: the change it made, the norms the change leaves unmet (shown,
/// never blocking) or why nothing changed. The layout's <c>_Messages</c> partial shows them once.
/// </summary>
public static class Feedback
{
    public const string Status = "StatusMessage";
    public const string Error = "ErrorMessage";
    public const string Warnings = "WarningMessages";

    public static void Succeeded(this ITempDataDictionary tempData, string message, IEnumerable<PayloadWarning>? warnings = null)
    {
        tempData[Status] = message;
        var texts = warnings?.Select(Describe).ToArray() ?? [];
        if (texts.Length > 0)
        {
            tempData[Warnings] = texts;
        }
    }

    /// <summary>A norm warning in Danish by its code, with the API's own sentence (the figures and dates) after it.</summary>
    public static string Describe(PayloadWarning warning) => warning.Code switch
    {
        "FEW_MEMBERS" => $"Gruppen har færre medlemmer end normen på 6–12 ({warning.Message})",
        "MANY_MEMBERS" => $"Gruppen har flere medlemmer end normen på 6–12 ({warning.Message})",
        "NO_LEADER" => $"Gruppen har ingen gruppeleder ({warning.Message})",
        "MATERIAL_RETIRED" => $"Et valgt materiale er udgået ({warning.Message})",
        "ADVISES_GROUPS" => $"Koordinatoren er stadig vejleder for aktive grupper, som skal have en anden vejleder ({warning.Message})",
        _ => warning.Message,
    };

    public static void Failed(this ITempDataDictionary tempData, string message) => tempData[Error] = message;
}
