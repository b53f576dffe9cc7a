using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Ringback.Import;
using Ringback.Validation;

namespace Ringback.Data.Import;

/// <summary>
/// Writes the organization's contacts as CSV in Ringback's own columns, which <c>import contacts</c> reads back.
/// Streams from the database; every cell is escaped against spreadsheet formula injection.
/// </summary>
public static class ContactExporter
{
    public static readonly string[] Header =
    [
        "Salutation", "First Name", "Last Name", "Title", "Company", "Industry", "Direct Phone", "Mobile Phone", "After Hours Phone",
        "Email", "Time Zone", "Status", "Referred By", "Referral Note", "Notes",
        "Gatekeeper Name", "Gatekeeper Relationship", "Gatekeeper Phone", "Gatekeeper Availability",
    ];

    public static async Task<int> WriteAsync(RingbackDbContext db, TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in Header)
        {
            csv.WriteField(h);
        }

        await csv.NextRecordAsync();
        var rows = db.Contacts.AsNoTracking()
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Select(c => new
            {
                Contact = c,
                Company = c.Company == null ? null : c.Company.Name,

                // One gatekeeper fits the columns; the first by name. The API lists them all.
                Gatekeeper = c.Gatekeepers.OrderBy(g => g.Name).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var c = row.Contact;
            var g = row.Gatekeeper;
            string?[] cells =
            [
                c.Salutation, c.FirstName, c.LastName, c.Title, row.Company, c.Industry,
                c.DirectExtension is null ? c.DirectPhone : $"{c.DirectPhone} x{c.DirectExtension}",
                c.MobilePhone, c.AfterHoursPhone, c.Email, c.TimeZone, EnumText.Format(c.Status), c.ReferredByName, c.ReferralNote, c.Notes,
                g?.Name, g is null ? null : EnumText.Format(g.Relationship),
                g?.Extension is null ? g?.Phone : $"{g.Phone} x{g.Extension}", g?.AvailabilityNote,
            ];
            foreach (var cell in cells)
            {
                csv.WriteField(CsvCells.Escape(cell));
            }

            await csv.NextRecordAsync();
            count++;
        }

        await csv.FlushAsync();
        return count;
    }
}
