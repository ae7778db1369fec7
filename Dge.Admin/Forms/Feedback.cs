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
        var texts = warnings?.Select(w => w.Message).ToArray() ?? [];
        if (texts.Length > 0)
        {
            tempData[Warnings] = texts;
        }
    }

    public static void Failed(this ITempDataDictionary tempData, string message) => tempData[Error] = message;
}
