using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>The posted choices checked against what the form offers, before they reach the API.</summary>
internal static class MaterialChoices
{
    public static void Check(ModelStateDictionary modelState, MaterialInput input)
    {
        if (!Labels.MaterialKinds.Offers(input.Kind))
        {
            modelState.AddModelError("Input.Kind", "Vælg en materialetype.");
        }

        if (!input.IntendedFor.All(Labels.GroupKinds.Offers))
        {
            modelState.AddModelError("Input.IntendedFor", "Vælg målgruppen blandt gruppetyperne.");
        }
    }
}
