using System.ComponentModel.DataAnnotations;

namespace Dge.Admin.Areas.Admin.Pages.Themes;

/// <summary>A theme's fields as the create and edit forms send them, named like the API's input fields.</summary>
public sealed class ThemeInput
{
    [Required(ErrorMessage = "Skriv emnets kode.")]
    [StringLength(10, ErrorMessage = "Koden må højst have 10 tegn.")]
    [Display(Name = "Kode")]
    public string Code { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv emnets danske navn.")]
    [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
    [Display(Name = "Dansk navn")]
    public string NameDa { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv emnets engelske navn.")]
    [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
    [Display(Name = "Engelsk navn")]
    public string NameEn { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv emnets kategori.")]
    [StringLength(100, ErrorMessage = "Kategorien må højst have 100 tegn.")]
    [Display(Name = "Kategori")]
    public string Category { get; set; } = string.Empty;

    /// <summary>The version the edit form was opened on (unused when creating).</summary>
    public int ExpectedVersion { get; set; }
}
