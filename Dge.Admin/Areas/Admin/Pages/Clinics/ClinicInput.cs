using System.ComponentModel.DataAnnotations;
using Dge.Admin.Client;
using Dge.Admin.Lists;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>A clinic's fields as the create and edit forms post them, named like the API's input fields.</summary>
public sealed class ClinicInput
{
    [Required(ErrorMessage = "Skriv klinikkens navn.")]
    [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
    [Display(Name = "Navn")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv ydernummeret.")]
    [RegularExpression(@"^\s*[0-9]{6}\s*$", ErrorMessage = "Ydernummeret er seks cifre.")]
    [Display(Name = "Ydernummer")]
    public string Ydernummer { get; set; } = string.Empty;

    [Required(ErrorMessage = "Skriv adressen.")]
    [StringLength(200, ErrorMessage = "Adressen må højst have 200 tegn.")]
    [Display(Name = "Adresse")]
    public string Address { get; set; } = string.Empty;

    [Required(ErrorMessage = "Vælg kommunen.")]
    [Display(Name = "Kommune")]
    public string? MunicipalityId { get; set; }

    [Display(Name = "Type")]
    public string Type { get; set; } = "PLO";

    [Display(Name = "Uddannelsespraksis (uddanner unge læger)")]
    public bool IsTutorPractice { get; set; }

    public int ExpectedVersion { get; set; }

    public IEnumerable<(string Field, string Message)> Check()
    {
        if (!Labels.ClinicTypes.Offers(Type))
        {
            yield return ("Input.Type", "Vælg en kliniktype.");
        }
    }
}

/// <summary>A municipality as the clinic forms offer it.</summary>
public sealed record MunicipalityChoice(string Id, string Code, string Name)
{
    private const string Operation = "AdminClinicMunicipalityChoices";

    public static async Task<IReadOnlyList<MunicipalityChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), OperationName: Operation), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().Municipalities.Nodes : [];
    }

    private sealed record Data(NodeList<MunicipalityChoice> Municipalities);
}
