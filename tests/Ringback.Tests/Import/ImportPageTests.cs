using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Import;

[Trait("Tier", "Browser")]
public class ImportPageTests
{
    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_the_row()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_file_with_a_bad_row_imports_nothing_and_names_the_row), async page =>
        {
            await browser.FirstRunAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
            await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
            {
                Name = "hubspot.csv",
                MimeType = "text/csv",
                Buffer = "First Name,Last Name,Phone Number\nSue,Jones,(415) 616-2407\nBad,Row,555-12\nSteve,Fields,415.616.2498\n"u8.ToArray(),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 of 3 rows is bad. Nothing will be imported until they are fixed.");
            var bad = page.GetByRole(AriaRole.Table, new() { Name = "Bad rows" }).GetByRole(AriaRole.Row).Nth(1);
            await Expect(bad).ToContainTextAsync("3");
            await Expect(bad).ToContainTextAsync("Phone Number");
            await Expect(bad).ToContainTextAsync("'555-12' is too short");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import 2 new contacts" })).ToHaveCountAsync(0);

            await page.GotoAsync("/contacts");
            await Expect(page.GetByText("No contacts match.")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_good_file_is_mapped_imported_with_progress_and_found_as_you_type()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_good_file_is_mapped_imported_with_progress_and_found_as_you_type), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/import");
            await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
            {
                Name = "outlook.csv",
                MimeType = "text/csv",
                Buffer = "Title,First Name,Last Name,Company,Job Title,Business Phone,E-mail Address,Assistant's Name\nMr.,Steve,Fields,Fields & Co,CEO,(415) 616-2407,steve@fields.example,Lee\nMs.,Sue,Jones,XYZ Company,COO,415.616.2498,sue@xyz.example,\n"u8.ToArray(),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();
            var mapping = page.GetByRole(AriaRole.Table, new() { Name = "How the columns will be read" });
            await Expect(mapping.GetByRole(AriaRole.Row, new() { Name = "Title Salutation" })).ToBeVisibleAsync();
            await Expect(mapping.GetByRole(AriaRole.Row, new() { Name = "Assistant's Name Gatekeeper name" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 new contacts" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Imported 2 contacts, 1 gatekeeper and 2 new companies.");
            await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Import progress" })).ToHaveAttributeAsync("value", "1");

            await page.GotoAsync("/contacts");
            await page.GetByLabel("Search").PressSequentiallyAsync("1-415-616-2407");
            await Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#results tbody tr")).ToContainTextAsync("Steve Fields");
            await page.GetByLabel("Search").FillAsync("xyz");
            await Expect(page.Locator("#results tbody tr")).ToContainTextAsync("Sue Jones");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=xyz"));
        });
    }
}
