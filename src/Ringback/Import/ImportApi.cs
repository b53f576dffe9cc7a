using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Import;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Import;

/// <summary>
/// A contacts import as the API reports it: what was read, which rows met contacts you have (the same person, or only
/// a shared number) and what became of each, what was written. A dry run's counts are what the import will do.
/// </summary>
public sealed record ImportResponse(
    int RowsRead, int BadRows, int ErrorCount, IReadOnlyList<string> Errors, int Matched, int SharesNumber, int Skipped, int Updated, int New,
    int ContactsImported, int GatekeepersImported, int CompaniesCreated, bool Committed, bool DryRun, string Format, IReadOnlyList<string> UnknownOwners,
    IReadOnlyList<ImportMatchResponse> Matches)
{
    public static ImportResponse From(ImportReport r) => new(r.RowsRead, r.BadRows, r.ErrorCount, [.. r.Errors.Select(e => e.ToString())], r.Matched, r.SharesNumber,
        r.Skipped, r.Updated, r.New, r.ContactsImported, r.GatekeepersImported, r.CompaniesCreated, r.Committed, r.DryRun, r.Mapping.Source, [.. r.UnknownOwners],
        [.. r.Matches.Select(m => new ImportMatchResponse(m.Line, m.Row, m.ContactId, m.Other, m.Why, m.SamePerson, m.Action, m.ToString()))]);
}

/// <summary>One row that met a contact or an earlier row: "line 3 Marcus Fields ↔ Fatima Kowalski: same number".</summary>
public sealed record ImportMatchResponse(int Line, string Row, Guid? ContactId, string Other, string Why, bool SamePerson, string Action, string Text);

/// <summary>Contacts from a CSV over HTTP, by the same importer as the web page and the CLI.</summary>
public static class ImportApi
{
    public static void MapImportApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/imports/contacts", ImportContactsAsync).WithTags("Import").WithName("ImportContacts")
            .Accepts<string>("text/csv").Requires(Capability.Import)
            .WithSummary("Import contacts from a CSV body: all or nothing unless skipBadRows; rows that are contacts you have are skipped unless duplicates=update or new, "
                + "or rows=LINE:skip|update|new,… says so for single rows; a row that only shares a number with someone is a new contact");

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportContactsAsync(
        HttpContext http, ContactImporter importer, RingbackDbContext db, IClock clock, IOptions<RingbackOptions> options, IOptions<StorageOptions> storage,
        bool dryRun = false, bool skipBadRows = false, string? duplicates = null, string? rows = null, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var handling = Field.Enum<DuplicateHandling>(errors, "duplicates", duplicates) ?? DuplicateHandling.Skip;
        var choices = RowChoices.Parse(errors, "rows", rows);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var folder = Path.Combine(storage.Value.ResolvedDataDirectory, "uploads");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"api-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew))
            {
                await http.Request.Body.CopyToAsync(file, cancellationToken);
            }

            var report = await importer.ImportAsync(path, new ImportOptions
            {
                OrganizationId = RingbackClaims.OrganizationOf(http.User)!.Value,
                OwnerId = RingbackClaims.UserOf(http.User),
                DefaultRegion = options.Value.DefaultRegion,
                DryRun = dryRun,
                SkipBadRows = skipBadRows,
                Duplicates = handling,
                RowChoices = choices,
            }, cancellationToken: cancellationToken);
            if (report.Committed)
            {
                await db.RecordAsync(RingbackClaims.ActorOf(http.User), AuditActions.Imported, "contacts (API)", report.Summary, clock.GetCurrentInstant(), cancellationToken);
            }

            return TypedResults.Ok(ImportResponse.From(report));
        }
        catch (ImportFileException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message.Replace(path + ": ", string.Empty, StringComparison.Ordinal)] });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
