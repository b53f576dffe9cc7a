using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Web;

/// <summary>A rep takes back the day's mistakes in real Chromium: calls corrected, deleted and restored, a double click, a colleague's edit, a duplicate.</summary>
[Trait("Tier", "Browser")]
public class CorrectionsTests
{
    [Fact]
    public async Task Every_mistake_of_a_day_can_be_taken_back()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Every_mistake_of_a_day_can_be_taken_back), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Sue");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByLabel("Email").FillAsync("sue@xyz.example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sue Jones" })).ToBeVisibleAsync();
            var sueUrl = page.Url;

            // "They called back", sent twice with one form (a double click, a resent page): one call.
            await page.EvaluateAsync("""
                async () => {
                  const form = document.querySelector("form[data-once]");
                  const send = () => fetch(form.action, { method: "POST", body: new FormData(form) });
                  await Promise.all([send(), send()]);
                }
                """);
            await page.ReloadAsync();
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(1);

            // The click, then what they said, then Undo on the next one.
            await page.GetByRole(AriaRole.Button, new() { Name = "They called back" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged their call");
            await page.GetByLabel("What did they say?").FillAsync("Wants the bid by Friday");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Note saved with their call.");
            await Expect(page.Locator(".timeline li").First).ToContainTextAsync("Wants the bid by Friday");
            await page.GetByRole(AriaRole.Button, new() { Name = "They called back" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-deleted-call]")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-deleted-call]")).ToContainTextAsync("by Freda Whitehouse");
            await page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Call restored, with everything it counted for.");
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);

            // Corrected on its own page, in the form's words.
            await page.Locator(".timeline li").First.GetByRole(AriaRole.Link, new() { Name = "Correct" }).ClickAsync();
            await page.GetByLabel("What happened").SelectOptionAsync("No answer");
            await page.GetByLabel("Notes").FillAsync("They hung up before I answered");
            await page.GetByLabel("Minutes").FillAsync("-3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
            await Expect(page.Locator("#Input-DurationMinutes-error")).ToHaveTextAsync("must be between 0 and 720 minutes");
            await page.GetByLabel("Minutes").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Call corrected");
            await Expect(page.Locator(".timeline li").First).ToContainTextAsync("They hung up before I answered");

            // A message still holding a placeholder is logged only when the rep says it was left that way.
            var log = page.Locator("form.log-call");
            await log.GetByText("Voicemail left").ClickAsync();
            await log.GetByLabel("Message left").FillAsync("Hi Sue, this is Freda Whitehouse at 901-555-2120, about [reason]. Again, 901-555-2120.");
            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.Locator("#Call-MessageText-error")).ToContainTextAsync("still holds [reason]");
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);
            await page.GetByLabel("I left it just as written, with [reason] in it").CheckAsync();
            await page.Locator("form.log-call").GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Logged: voicemail left.");
            await page.Locator(".timeline li").First.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);

            // A gatekeeper's details corrected, then removed; the calls stay.
            await page.GetByText("Add a gatekeeper").ClickAsync();
            var add = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add gatekeeper" }) });
            await add.GetByLabel("Name").FillAsync("Pat Smith");
            await add.GetByRole(AriaRole.Button, new() { Name = "Add gatekeeper" }).ClickAsync();
            await page.GetByText("Edit Pat Smith").ClickAsync();
            await page.Locator(".edit-gatekeeper").GetByLabel("Name").FillAsync("Pat Smythe");
            await page.Locator(".edit-gatekeeper").GetByLabel("Phone").FillAsync("415-616-24");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save Pat Smith" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pat Smith was not changed: Phone");
            await page.GetByText("Edit Pat Smith").ClickAsync();
            await page.Locator(".edit-gatekeeper").GetByLabel("Name").FillAsync("Pat Smythe");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save Pat Smith" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved Pat Smythe.");
            page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
            await page.GetByText("Edit Pat Smythe").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove Pat Smythe" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Removed Pat Smythe.");
            await Expect(page.Locator(".gatekeepers li")).ToHaveCountAsync(0);
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);

            // A colleague saves the contact while the rep has it open: the rep is told what changed, nothing is lost.
            await page.GotoAsync(sueUrl + "/edit");
            var colleague = await browser.Context.NewPageAsync();
            await colleague.GotoAsync(sueUrl + "/edit");
            await colleague.GetByLabel("Title").FillAsync("COO");
            await colleague.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.GetByLabel("Notes").FillAsync("Prefers mornings");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var changed = page.Locator("[data-changed-meanwhile]");
            await Expect(changed).ToContainTextAsync("Someone else changed this contact");
            await Expect(changed).ToContainTextAsync("Title: (empty) → COO");
            await Expect(page.GetByLabel("Notes")).ToHaveValueAsync("Prefers mornings");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sue Jones" })).ToBeVisibleAsync();

            // The same person added again: warned, added anyway on purpose, then merged back into one.
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Susan");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByLabel("Email").FillAsync("SUE@xyz.example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("[data-duplicate]")).ToContainTextAsync("Sue Jones has the same email");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add anyway" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Susan Jones" })).ToBeVisibleAsync();
            await Expect(page.Locator("[data-duplicates]")).ToContainTextAsync("Sue Jones has the same email");
            var susanUrl = page.Url;

            // Merging asks first and says what moves; it can be undone, and the merged-away address leads to the kept contact.
            await page.GetByRole(AriaRole.Link, new() { Name = "Merge into this contact…" }).ClickAsync();
            await Expect(page.Locator("[data-merge-preview]")).ToContainTextAsync("Merge Sue Jones into Susan Jones?");
            await Expect(page.Locator("[data-merge-preview]")).ToContainTextAsync("Moves here: 3 calls and 1 deleted call.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Merge them" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Merged Sue Jones into this contact");
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-duplicates]")).ToHaveCountAsync(0);
            await page.GotoAsync(sueUrl);
            page.Url.ShouldBe(susanUrl, "Sue's old address leads to the contact she was merged into");

            await page.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sue Jones is a contact of their own again");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sue Jones" })).ToBeVisibleAsync();
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);

            await page.GotoAsync(susanUrl);
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "Merge into this contact…" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Merge them" }).ClickAsync();
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(3);

            // And deleted, after a question.
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete contact" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted Susan Jones");
            await Expect(page.Locator("table a", new() { HasText = "Jones" })).ToHaveCountAsync(0);
        });
    }
}
