using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dge.Admin.Forms;

public static class PayloadErrorsExtensions
{
    /// <summary>
    /// Puts the API's typed errors on the form: each next to the field its path names (and in the summary at the top),
    /// the others in the summary only. The API's message is in English; the field it concerns is what the secretary needs.
    /// </summary>
    public static void AddPayloadErrors(this ModelStateDictionary modelState, IEnumerable<PayloadError> errors)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(modelState.ContainsKey(error.FormField) ? error.FormField : string.Empty, error.Message);
        }
    }
}
