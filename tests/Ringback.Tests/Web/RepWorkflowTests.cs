using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Web;

/// <summary>What a rep does all day, in real Chromium, located by role and label as a person would find things.</summary>
[Trait("Tier", "Browser")]
public class RepWorkflowTests
{
    [Fact]
    public async Task First_run_then_a_contact_with_a_gatekeeper_a_voicemail_a_promise_and_an_appointment()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(First_run_then_a_contact_with_a_gatekeeper_a_voicemail_a_promise_and_an_appointment), async page =>
        {
            await browser.FirstRunAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Add contact" }).ClickAsync();
            await page.GetByLabel("Salutation").FillAsync("Ms.");
            await page.GetByLabel("First name").FillAsync("Sue");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByLabel("Company").FillAsync("XYZ Company");
            await page.GetByLabel("Direct phone").FillAsync("(415) 616-2407");
            await page.GetByLabel("Time zone").FillAsync("America/Los_Angeles");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ms. Sue Jones" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "(415) 616-2407" })).ToHaveAttributeAsync("href", "tel:+14156162407");

            await page.GetByText("Add a gatekeeper").ClickAsync();
            var gatekeeperForm = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add gatekeeper" }) });
            await gatekeeperForm.GetByLabel("Name").FillAsync("Pat Smith");
            await gatekeeperForm.GetByLabel("Relationship").SelectOptionAsync("Assistant");
            await gatekeeperForm.GetByLabel("When is the prospect available?").FillAsync("mornings before 10");
            await gatekeeperForm.GetByRole(AriaRole.Button, new() { Name = "Add gatekeeper" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added Pat Smith.");
            await Expect(page.Locator(".gatekeepers")).ToContainTextAsync("Pat Smith, assistant");
            await Expect(page.Locator(".gatekeepers")).ToContainTextAsync("Available: mornings before 10");

            var log = page.Locator("form.log-call");
            await log.GetByText("Voicemail left").ClickAsync();
            await log.GetByLabel("Message strategy").SelectOptionAsync("Vague");
            await log.GetByLabel("Message left").FillAsync("Hi Sue, this is Freda Whitehouse at 901-555-2120. It is Tuesday morning and I'll be in the office today. 901-555-2120.");
            await log.GetByLabel("Commitments you made").FillAsync("Send the Performance Tires case study");
            await log.GetByLabel("Promised call").FillAsync("2030-06-03T08:15");
            await Expect(log.Locator("#Call-PromisedNextCallAt-hint")).ToContainTextAsync("10:15 your time");
            await log.GetByLabel("Starts").FillAsync("2030-06-05T14:00");
            await log.GetByLabel("Ends").FillAsync("2030-06-05T15:00");
            await log.GetByLabel("Place").FillAsync("XYZ Company HQ");
            await log.GetByLabel("Directions").FillAsync("Visitor parking behind building B");
            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Logged: voicemail left.");
            var next = page.Locator("section.next");
            await Expect(next).ToContainTextAsync("You promised to call Mon 3 Jun 2030, 08:15 their time");
            await Expect(next).ToContainTextAsync("(Mon 3 Jun 2030, 10:15 yours)");
            await Expect(next).ToContainTextAsync("Appointment Wed 5 Jun 2030, 14:00 at XYZ Company HQ");
            await Expect(next).ToContainTextAsync("Directions: Visitor parking behind building B");
            await Expect(next).ToContainTextAsync("Send the Performance Tires case study");
            var entry = page.Locator(".timeline li").First;
            await Expect(entry).ToContainTextAsync("Voicemail left");
            await Expect(entry).ToContainTextAsync("Hi Sue, this is Freda Whitehouse");
            await Expect(entry).ToContainTextAsync("Promised next call: Mon 3 Jun 2030, 08:15 their time");
            await Expect(page.Locator(".heading .status")).ToHaveTextAsync("Meeting booked");
        });
    }

    [Fact]
    public async Task A_call_with_errors_is_not_logged_and_says_what_to_fix()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_call_with_errors_is_not_logged_and_says_what_to_fix), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
            await Expect(page.Locator("#Input-LastName-error")).ToHaveTextAsync("is required when there is no first name or company");
            await Expect(page.GetByLabel("Last name")).ToHaveAttributeAsync("aria-invalid", "true");

            await page.GetByLabel("Last name").FillAsync("Fields");
            await page.GetByLabel("Direct phone").FillAsync("555-12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("#Input-DirectPhone-error")).ToContainTextAsync("too short");
            await page.GetByLabel("Direct phone").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            var log = page.Locator("form.log-call");
            await log.GetByText("Gatekeeper message").ClickAsync();
            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("say which gatekeeper took the message");
            await Expect(page.Locator(".timeline li")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Signing_out_sends_every_page_to_sign_in()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Signing_out_sends_every_page_to_sign_in), async page =>
        {
            await browser.FirstRunAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

            foreach (var path in new[] { "/setup", "/contacts", "/import", "/settings", "/reference-clients" })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
            }

            await page.GetByLabel("Email").FillAsync("freda@abc.example");
            await page.GetByLabel("Password").FillAsync("wrong password entirely");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That email and password do not match an account.");
            await page.GetByLabel("Password").FillAsync("correct horse battery staple");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reference clients" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Reference_clients_are_added_edited_and_deleted()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Reference_clients_are_added_edited_and_deleted), async page =>
        {
            await browser.FirstRunAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Reference clients", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Expect(page.Locator("#Input-Industry-error")).ToHaveTextAsync("is required");

            await page.GetByLabel("Company").FillAsync("General Motors");
            await page.GetByLabel("Industry").FillAsync("Automotive");
            await page.GetByLabel("Result to mention").FillAsync("cut warranty calls by a third");
            await page.GetByLabel("They agreed to be named").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "General Motors" });
            await Expect(row).ToContainTextAsync("Automotive");
            await Expect(row).ToContainTextAsync("Yes");

            await page.GetByRole(AriaRole.Link, new() { Name = "Edit General Motors" }).ClickAsync();
            await Expect(page.GetByLabel("Company")).ToHaveValueAsync("General Motors");
            await page.GetByLabel("They agreed to be named").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "General Motors" })).ToContainTextAsync("No");
            await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete General Motors" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deleted.");
            await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        });
    }
}
