using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
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
public sealed class IndexModel(ContactImporter importer, ImportJobs jobs, IOptions<RingbackOptions> options, IOptions<StorageOptions> storage) : PageModel
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    [BindProperty]
    public IFormFile? Csv { get; set; }

    [BindProperty]
    public bool SkipBadRows { get; set; }

    /// <summary>What to do with rows matching contacts already in the book; skipped unless the rep says otherwise.</summary>
    [BindProperty]
    public DuplicateHandling Duplicates { get; set; } = DuplicateHandling.Skip;

    [BindProperty]
    public string? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Job { get; set; }

    public ImportReport? DryRun { get; private set; }

    public ImportJob? Running { get; private set; }

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (Job is { } id)
        {
            Running = jobs.Find(id, RingbackClaims.UserOf(User));
            if (Running is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public IActionResult OnGetStatus()
    {
        var job = Job is { } id ? jobs.Find(id, RingbackClaims.UserOf(User)) : null;
        return job is null ? NotFound() : new JsonResult(new { fraction = job.Fraction, done = job.Done });
    }

    /// <summary>Step one: keep the upload and dry-run it.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length == 0)
        {
            Error = "Choose a CSV file to import.";
            return Page();
        }

        var upload = $"{RingbackClaims.UserOf(User):N}-{Guid.NewGuid():N}";
        var path = UploadPath(upload);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var target = new FileStream(path, FileMode.CreateNew))
        {
            await Csv.CopyToAsync(target, cancellationToken);
        }

        try
        {
            DryRun = await importer.ImportAsync(path, Options(dryRun: true), cancellationToken: cancellationToken);
            Upload = upload;
        }
        catch (ImportFileException e)
        {
            System.IO.File.Delete(path);
            Error = e.Message.Replace(path, Csv.FileName, StringComparison.Ordinal);
        }

        return Page();
    }

    /// <summary>Step two: import the checked file in the background and show its progress.</summary>
    public IActionResult OnPostImport()
    {
        // The upload name starts with the user's id, so nobody can import someone else's file by guessing a name.
        if (Upload is null || !Upload.StartsWith(RingbackClaims.UserOf(User).ToString("N") + "-", StringComparison.Ordinal)
            || Upload.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') || !System.IO.File.Exists(UploadPath(Upload)))
        {
            Error = "That upload has expired; choose the file again.";
            return Page();
        }

        var job = jobs.Start(RingbackClaims.OrganizationOf(User)!.Value, RingbackClaims.ActorOf(User), UploadPath(Upload), Options(dryRun: false));
        return Redirect($"/import?job={job.Id}");
    }

    private ImportOptions Options(bool dryRun) => new()
    {
        OrganizationId = RingbackClaims.OrganizationOf(User)!.Value,
        OwnerId = RingbackClaims.UserOf(User),
        DefaultRegion = options.Value.DefaultRegion,
        DryRun = dryRun,
        SkipBadRows = SkipBadRows,
        Duplicates = Duplicates,
    };

    private string UploadPath(string upload) => Path.Combine(storage.Value.ResolvedDataDirectory, "uploads", upload + ".csv");
}
