using System.ComponentModel.DataAnnotations;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>A learning material's fields as the create and edit forms send them, named like the API's input fields.</summary>
public sealed class MaterialInput
{
    [Required(ErrorMessage = "Skriv materialets titel.")]
    [StringLength(300, ErrorMessage = "Titlen må højst have 300 tegn.")]
    [Display(Name = "Titel")]
    public string Title { get; set; } = string.Empty;

    [Display(Name = "Type")]
    public string Kind { get; set; } = "MODULE";

    [Required(ErrorMessage = "Skriv udgiveren.")]
    [StringLength(200, ErrorMessage = "Udgiveren må højst have 200 tegn.")]
    [Display(Name = "Udgiver")]
    public string Publisher { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv udgivelsesdagen.")]
    [Display(Name = "Udgivet")]
    public DateOnly? PublishedOn { get; set; }

    [Required(ErrorMessage = "Skriv linket til materialet.")]
    [Url(ErrorMessage = "Skriv et fuldt link, der begynder med http:// eller https://.")]
    [StringLength(2000, ErrorMessage = "Linket må højst have 2000 tegn.")]
    [Display(Name = "Link")]
    public string Url { get; set; } = string.Empty;

    /// <summary>The group kinds the material is meant for (målgruppe).</summary>
    public List<string> IntendedFor { get; set; } = [];

    public List<string> ThemeIds { get; set; } = [];

    /// <summary>The version the edit form was opened on (unused when creating).</summary>
    public int ExpectedVersion { get; set; }

    /// <summary>The fields as the API's input takes them (create and update share them).</summary>
    public Dictionary<string, object?> ToApi() => new()
    {
        ["title"] = Title.Trim(),
        ["kind"] = Kind,
        ["publisher"] = Publisher.Trim(),
        ["publishedOn"] = Client.Danish.Date(PublishedOn),
        ["url"] = Url.Trim(),
        ["intendedFor"] = IntendedFor,
        ["themeIds"] = ThemeIds,
    };
}
