using System.Globalization;
using System.Security.Cryptography;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Dge.Admin.Areas.Admin.Pages.Import;

/// <summary>
/// Groups with their members from a CSV file (<see cref="GroupCsv"/>): upload, a preview of every row with its problems
/// (the file's own, then the API's dry run), and — only for a clean preview — the import, all or nothing, through importGroups.
/// </summary>
[Authorize(Policy = AdminPolicies.Edit)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = RequestLimit)]
public sealed class IndexModel(IAdminGraphQLClient client, IDataProtectionProvider dataProtection) : PageModel
{
    /// <summary>The most rows the API's importGroups takes in one go.</summary>
    public const int MaxRows = 2_000;

    /// <summary>A file at the limit, protected and encoded for the import form, and the form's other fields.</summary>
    private const int RequestLimit = 3 * GroupCsv.MaxBytes;

    /// <summary>How long a preview can be imported from: the file travels back in the form, sealed by the server.</summary>
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("Dge.Admin.Import.GroupCsv").ToTimeLimitedDataProtector();

    public ImportPreview? Preview { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() => File(GroupCsv.Template(), "text/csv; charset=utf-8", "grupper-skabelon.csv");

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", "Vælg en CSV-fil med grupperne.");
            return Page();
        }

        if (upload.Length > GroupCsv.MaxBytes)
        {
            ModelState.AddModelError("upload", $"Filen fylder {Megabytes(upload.Length)}; højst {Megabytes(GroupCsv.MaxBytes)} ad gangen. Del den op i flere filer.");
            return Page();
        }

        using var buffer = new MemoryStream((int)upload.Length);
        await upload.CopyToAsync(buffer, cancellationToken);
        await PreviewAsync(buffer.ToArray(), Path.GetFileName(upload.FileName), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? content, string? fileName, CancellationToken cancellationToken)
    {
        byte[] file;
        try
        {
            file = Protector.Unprotect(WebEncoders.Base64UrlDecode(content ?? string.Empty), out _);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            ModelState.AddModelError("upload", "Forhåndsvisningen er udløbet eller ændret. Vælg filen igen.");
            return Page();
        }

        var result = await PreviewAsync(file, fileName ?? "filen", cancellationToken, dryRun: false);
        if (result is not { Written: true })
        {
            return Page();
        }

        var names = result.Groups.Select(g => g.Name).ToList();
        StatusMessage = $"Importeret fra {fileName}: {Count(names.Count, "gruppe", "grupper")} med {Count(result.MemberCount, "medlemskab", "medlemskaber")}: {string.Join(", ", names.Take(20))}{(names.Count > 20 ? " …" : string.Empty)}.";
        return RedirectToPage();
    }

    /// <summary>
    /// Reads the file and has the API check (or, with <paramref name="dryRun"/> false, import) the rows the file could be
    /// read for; the preview shows every row with the file's and the API's problems.
    /// </summary>
    private async Task<ImportResult?> PreviewAsync(byte[] file, string fileName, CancellationToken cancellationToken, bool dryRun = true)
    {
        var parsed = GroupCsv.Parse(file);
        if (parsed.Error is { } error)
        {
            ModelState.AddModelError("upload", error);
            return null;
        }

        if (parsed.Rows.Count == 0)
        {
            ModelState.AddModelError("upload", "Filen har overskrifterne, men ingen rækker.");
            return null;
        }

        if (parsed.Rows.Count > MaxRows)
        {
            ModelState.AddModelError("upload", $"Filen har {Number(parsed.Rows.Count)} rækker; højst {Number(MaxRows)} ad gangen. Del den op i flere filer.");
            return null;
        }

        var readable = parsed.Rows.Where(r => r.Problems.Count == 0).ToList();
        var apiProblems = new Dictionary<int, List<RowProblem>>();
        ImportResult? result = null;
        if (readable.Count > 0)
        {
            // A file with unreadable rows is only ever checked: all or nothing.
            var outcome = await client.MutateAsync<ImportResult>(
                "AdminImportGroups", new { rows = readable.Select(r => r.ToInput()).ToList(), dryRun = dryRun || readable.Count < parsed.Rows.Count }, cancellationToken);
            result = outcome.Result;
            if (result is null)
            {
                ModelState.AddModelError("upload", string.Join(" ", outcome.Errors.Select(e => e.Message)));
                return null;
            }

            foreach (var problem in result.Problems)
            {
                var row = readable.FirstOrDefault(r => r.Line == problem.Line);
                (apiProblems.TryGetValue(problem.Line, out var list) ? list : apiProblems[problem.Line] = []).Add(ImportProblems.Danish(problem, row?.Values));
            }
        }

        var rows = parsed.Rows
            .Select(r => new PreviewRow(r.Line, r.Values, [.. r.Problems.Select(p => new RowProblem(p, null)), .. apiProblems.GetValueOrDefault(r.Line) ?? []]))
            .ToList();
        var clean = rows.All(r => r.Problems.Count == 0);
        Preview = new ImportPreview(
            fileName,
            rows,
            rows.Select(r => (GroupKey(r.Values.Group), r.Values.KapUnit.ToUpperInvariant())).Distinct().Count(),
            clean ? WebEncoders.Base64UrlEncode(Protector.Protect(file, PreviewLifetime)) : null);
        return result;
    }

    private static string GroupKey(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    // The build has invariant globalization: Danish separators by hand, as the landing page does.
    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " MB";

    private static string Number(int count) => count.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>"1 gruppe", "12 grupper", "2.000 rækker".</summary>
    public static string Count(int count, string one, string many) => $"{Number(count)} {(count == 1 ? one : many)}";

    /// <summary>What the page shows after an upload: every row with its problems, and the sealed file when it can be imported.</summary>
    public sealed record ImportPreview(string FileName, IReadOnlyList<PreviewRow> Rows, int GroupCount, string? Content)
    {
        public int RowsWithProblems => Rows.Count(r => r.Problems.Count > 0);

        /// <summary>"12 grupper, 74 medlemmer, 1 række med fejl".</summary>
        public string Summary =>
            $"{Count(GroupCount, "gruppe", "grupper")}, {Count(Rows.Count, "medlem", "medlemmer")}, "
            + (RowsWithProblems == 0 ? "ingen rækker med fejl" : Count(RowsWithProblems, "række med fejl", "rækker med fejl"));

        public bool IsClean => Content is not null;
    }

    public sealed record PreviewRow(int Line, GroupCsvValues Values, IReadOnlyList<RowProblem> Problems);

    /// <summary>A problem in Danish, and the API's own words when they add detail.</summary>
    public sealed record RowProblem(string Text, string? Detail);

    public sealed record ImportResult(bool DryRun, bool Written, int RowCount, int GroupCount, int MemberCount, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportedGroup> Groups);

    public sealed record ImportProblem(int Line, string Field, string Code, string Message);

    public sealed record ImportedGroup(string Id, string Name);
}
