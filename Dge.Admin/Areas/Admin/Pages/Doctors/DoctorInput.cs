using System.ComponentModel.DataAnnotations;
using Dge.Admin.Client;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>A doctor's fields as the create and edit forms post them, named like the API's input fields.</summary>
public sealed class DoctorInput
{
    [Required(ErrorMessage = "Skriv fornavnet.")]
    [StringLength(100, ErrorMessage = "Fornavnet må højst have 100 tegn.")]
    [Display(Name = "Fornavn")]
    public string FirstName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv efternavnet.")]
    [StringLength(100, ErrorMessage = "Efternavnet må højst have 100 tegn.")]
    [Display(Name = "Efternavn")]
    public string LastName { get; set; } = string.Empty;

    [Display(Name = "Fase")]
    public string Phase { get; set; } = "GP";

    [Display(Name = "Nedsat (kræves for praktiserende og pensionerede læger)")]
    public DateOnly? EstablishedOn { get; set; }

    [Display(Name = "Pensioneret fra (kun for pensionerede)")]
    public DateOnly? RetiredOn { get; set; }

    [Required(ErrorMessage = "Skriv e-mailadressen.")]
    [EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv telefonnummeret.")]
    [RegularExpression(@"^\s*\+?[0-9 ]{8,20}\s*$", ErrorMessage = "Telefonnummeret skal have 8–15 cifre.")]
    [Display(Name = "Telefon")]
    public string Phone { get; set; } = string.Empty;

    public int ExpectedVersion { get; set; }

    /// <summary>The phone as the API takes it: digits only (spaces typed for reading are dropped).</summary>
    /// <remarks>Null-safe: validation reads every property, also of a form posted with the phone left empty.</remarks>
    public string PhoneDigits => new((Phone ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The fields the API checks beyond the annotations, as errors at their fields.</summary>
    public IEnumerable<(string Field, string Message)> Check()
    {
        if (!Labels.DoctorPhases.Offers(Phase))
        {
            yield return ("Input.Phase", "Vælg en fase.");
        }
    }
}
