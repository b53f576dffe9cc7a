using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data.Import;
using Ringback.Hosting;
using Ringback.Import;

namespace Ringback.Pages.Import;

/// <summary>
/// Import from the browser: upload, see the column mapping and a dry run naming every bad row, then import with a
/// progress bar. The same importer as the CLI, so the same all-or-nothing rule.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[Requires(Capability.Import)]
public sealed class IndexModel(ContactImporter importer, ImportJobs jobs, WebImports imports, IOptions<RingbackOptions> options) : PageModel
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    [BindProperty]
    public IFormFile? Csv { get; set; }

    [BindProperty]
    public bool SkipBadRows { get; set; }

    /// <summary>What to do with rows matching contacts already in the book; skipped unless the rep says otherwise.</summary>
    [BindProperty]
    public DuplicateHandling Duplicates { get; set; } = DuplicateHandling.Skip;

    /// <summary>The rep's choice for single matching rows, by line ("Skip", "Update", "New"); a row left out follows <see cref="Duplicates"/>.</summary>
    [BindProperty]
    public Dictionary<int, string?> Choices { get; set; } = [];

    [BindProperty]
    public string? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Job { get; set; }

    public ImportReport? DryRun { get; private set; }

    public WebImportJob? Running { get; private set; }

    /// <summary>The running job's server stopped: the import rolled back with it.</summary>
    public bool Stalled { get; private set; }

    public ImportReport? Finished { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Job is { } id)
        {
            Running = await imports.FindAsync(id, RingbackClaims.UserOf(User), cancellationToken);
            if (Running is null)
            {
                return NotFound();
            }

            Stalled = imports.HasStalled(Running);
            Finished = WebImports.ReportOf(Running);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        var job = Job is { } id ? await imports.FindAsync(id, RingbackClaims.UserOf(User), cancellationToken) : null;
        return job is null ? NotFound() : new JsonResult(new { fraction = job.Fraction, done = job.Done || imports.HasStalled(job) });
    }

    /// <summary>Step one: keep the upload and dry-run it.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length == 0)
        {
            Error = "Choose a CSV file to import.";
            return Page();
        }

        string path;
        await using (var content = Csv.OpenReadStream())
        {
            (Upload, path) = await imports.SaveAsync(RingbackClaims.OrganizationOf(User)!.Value, RingbackClaims.UserOf(User), content, cancellationToken);
        }

        try
        {
            DryRun = await importer.ImportAsync(path, Options(dryRun: true), cancellationToken: cancellationToken);
        }
        catch (ImportFileException e)
        {
            await imports.DeleteAsync(Upload, cancellationToken);
            Upload = null;
            Error = e.Message.Replace(path, Csv.FileName, StringComparison.Ordinal);
        }

        return Page();
    }

    /// <summary>Step two: import the checked file in the background and show its progress.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        var job = Upload is null ? null
            : await jobs.StartAsync(RingbackClaims.OrganizationOf(User)!.Value, RingbackClaims.ActorOf(User), Upload, Options(dryRun: false), cancellationToken);
        if (job is null)
        {
            Error = "That upload has expired; choose the file again.";
            return Page();
        }

        return Redirect($"/import?job={job}");
    }

    private ImportOptions Options(bool dryRun) => new()
    {
        OrganizationId = RingbackClaims.OrganizationOf(User)!.Value,
        OwnerId = RingbackClaims.UserOf(User),
        DefaultRegion = options.Value.DefaultRegion,
        DryRun = dryRun,
        SkipBadRows = SkipBadRows,
        Duplicates = Duplicates,
        RowChoices = Choices.Where(c => Enum.TryParse<DuplicateHandling>(c.Value, ignoreCase: true, out _))
            .ToDictionary(c => c.Key, c => Enum.Parse<DuplicateHandling>(c.Value!, ignoreCase: true)),
    };
}
