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
            modelState.AddModelError(FieldOf(modelState, error.FormField), error.Message);
        }
    }

    /// <summary>
    /// The form's field for the API's input field: itself, or for a picked entity's id (<c>Input.DoctorId</c>) the text the
    /// secretary typed (<c>Input.DoctorText</c>); the summary when the form has no such field.
    /// </summary>
    private static string FieldOf(ModelStateDictionary modelState, string field)
    {
        if (field.EndsWith("Id", StringComparison.Ordinal) && modelState.ContainsKey(field[..^2] + "Text"))
        {
            return field[..^2] + "Text";
        }

        return modelState.ContainsKey(field) ? field : string.Empty;
    }
}
