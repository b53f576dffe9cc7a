using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>
/// Walks every API endpoint and every page handler the app has, as an owner, a manager and a rep of one organization
/// and as the owner of another, and compares each answer with the matrix written here (the README's): refused (403)
/// exactly when the role lacks the capability, and another organization's records never found. A new endpoint or
/// handler that is not in the table fails the test until someone decides who may use it.
/// </summary>
public class AuthorizationMatrixTests
{
    /// <summary>What a route needs. <c>Row</c>: it changes a record that has a rep, and a rep may change only their own.</summary>
    private sealed record Need(Capability? Capability, bool Row = false)
    {
        public static readonly Need Public = new((Capability?)null);
        public static readonly Need Work = new(Ringback.Accounts.Capability.Work);
        public static readonly Need Mine = new(Ringback.Accounts.Capability.Work, Row: true);

        public bool Allows(UserRole role) => Capability is not { } c || (RoleMatrix.Allows(role, c) && (!Row || role != UserRole.Rep));
    }

    private static readonly Dictionary<string, Need> Api = new()
    {
        ["GET /api/v1/contacts"] = Need.Work, ["POST /api/v1/contacts"] = Need.Work, ["GET /api/v1/contacts/{id}"] = Need.Work,
        ["PUT /api/v1/contacts/{id}"] = Need.Mine, ["DELETE /api/v1/contacts/{id}"] = Need.Mine,
        ["GET /api/v1/contacts/{contactId}/gatekeepers"] = Need.Work, ["POST /api/v1/contacts/{contactId}/gatekeepers"] = Need.Work,
        ["PUT /api/v1/gatekeepers/{id}"] = Need.Work, ["DELETE /api/v1/gatekeepers/{id}"] = Need.Work,
        ["GET /api/v1/reference-clients"] = Need.Work, ["POST /api/v1/reference-clients"] = Need.Work,
        ["PUT /api/v1/reference-clients/{id}"] = Need.Work, ["DELETE /api/v1/reference-clients/{id}"] = Need.Work,
        ["GET /api/v1/telephony/twilio"] = Need.Work, ["PUT /api/v1/telephony/twilio"] = new(Capability.PhoneSystem),
        ["DELETE /api/v1/telephony/twilio"] = new(Capability.PhoneSystem),
        ["POST /api/v1/callbacks"] = Need.Work, ["GET /api/v1/inbox"] = Need.Work, ["POST /api/v1/inbox/{id}/contact"] = Need.Work,
        ["POST /api/v1/inbox/{id}/assign"] = Need.Work, ["DELETE /api/v1/inbox/{id}"] = Need.Work,
        ["GET /api/v1/stats"] = Need.Work, ["GET /api/v1/stats.csv"] = Need.Work,
        ["POST /api/v1/contacts/{contactId}/calls"] = Need.Work, ["GET /api/v1/contacts/{contactId}/timeline"] = Need.Work,
        ["GET /api/v1/calls/{id}"] = Need.Work, ["PUT /api/v1/calls/{id}"] = Need.Mine, ["DELETE /api/v1/calls/{id}"] = Need.Mine,
        ["POST /api/v1/calls/{id}/restore"] = Need.Mine, ["GET /api/v1/contacts/{contactId}/calls/deleted"] = Need.Work,
        ["GET /api/v1/me"] = Need.Work, ["PUT /api/v1/me"] = Need.Work,
        ["POST /api/v1/imports/contacts"] = new(Capability.Import),
        ["GET /api/v1/queue"] = Need.Work, ["GET /api/v1/contacts/{contactId}/place"] = Need.Work,
        ["POST /api/v1/contacts/{contactId}/do-not-call"] = Need.Work, ["DELETE /api/v1/contacts/{contactId}/cadence"] = Need.Work,
        ["GET /api/v1/cadences"] = Need.Work, ["POST /api/v1/cadences"] = Need.Work, ["POST /api/v1/cadences/{id}/enroll"] = Need.Work,
        ["GET /api/v1/dnc-lists"] = Need.Work, ["POST /api/v1/dnc-lists"] = new(Capability.ManageDoNotCall),
        ["GET /api/v1/promises"] = Need.Work, ["POST /api/v1/me/calendar"] = Need.Work, ["DELETE /api/v1/me/calendar"] = Need.Work,
        ["GET /api/v1/templates"] = Need.Work, ["GET /api/v1/templates/fields"] = Need.Work, ["POST /api/v1/templates"] = Need.Work,
        ["PUT /api/v1/templates/{id}"] = Need.Work, ["DELETE /api/v1/templates/{id}"] = Need.Work,
        ["POST /api/v1/coach"] = Need.Work, ["GET /api/v1/coach/rules"] = Need.Work, ["POST /api/v1/coach/audio"] = Need.Work,
        ["GET /api/v1/contacts/{contactId}/strategies"] = Need.Work, ["POST /api/v1/contacts/{contactId}/compose"] = Need.Work,
        ["GET /api/v1/users"] = Need.Work, ["PUT /api/v1/users/{id}/role"] = new(Capability.ManageRoles),
        ["POST /api/v1/users/{id}/deactivate"] = new(Capability.ManageReps), ["POST /api/v1/users/{id}/reactivate"] = new(Capability.ManageReps),
        ["POST /api/v1/invitations"] = new(Capability.ManageReps), ["DELETE /api/v1/invitations/{id}"] = new(Capability.ManageReps),
        ["POST /api/v1/reassign"] = new(Capability.Reassign), ["GET /api/v1/team/activity"] = new(Capability.TeamView),
        ["GET /api/v1/audit"] = new(Capability.AuditLog),
        // A take is its rep's own (others get 404, not 403): PracticeApiTests checks who sees what.
        ["POST /api/v1/practice/takes"] = Need.Work, ["GET /api/v1/practice/takes"] = Need.Work, ["GET /api/v1/practice/takes/{id}"] = Need.Work,
        ["GET /api/v1/practice/takes/{id}/audio"] = Need.Work, ["GET /api/v1/practice/takes/{id}/phone"] = Need.Work,
        ["PUT /api/v1/practice/takes/{id}/shared"] = Need.Work, ["DELETE /api/v1/practice/takes/{id}"] = Need.Work,
        // Public by design: each authenticates itself (a signature, a secret in the URL, a signed token) or says nothing private.
        ["GET /healthz"] = Need.Public, ["GET /openapi/{documentName}.json"] = Need.Public, ["POST /webhooks/twilio/{key}"] = Need.Public,
        ["GET /calendar/{token}.ics"] = Need.Public, ["POST /reminders/snooze"] = Need.Public,
        ["GET /{**path}"] = Need.Public, ["HEAD /{**path}"] = Need.Public, // static files' fallback
    };

    /// <summary>Page handlers that need more than <see cref="Capability.Work"/>; "page:handler", the handler empty for the page's own GET or POST.</summary>
    private static readonly Dictionary<string, Need> Pages = new()
    {
        ["/settings:Twilio"] = new(Capability.PhoneSystem), ["/settings:RemoveTwilio"] = new(Capability.PhoneSystem),
        ["/do-not-call:POST"] = new(Capability.ManageDoNotCall),
        ["/team:GET"] = new(Capability.TeamView), ["/team:Invite"] = new(Capability.ManageReps), ["/team:Resend"] = new(Capability.ManageReps),
        ["/team:Revoke"] = new(Capability.ManageReps), ["/team:Team"] = new(Capability.ManageReps), ["/team:Deactivate"] = new(Capability.ManageReps),
        ["/team:Reactivate"] = new(Capability.ManageReps), ["/team:Role"] = new(Capability.ManageRoles), ["/team:Reassign"] = new(Capability.Reassign),
        ["/team:Settings"] = new(Capability.OrganizationSettings),
        ["/contacts:Reassign"] = new(Capability.Reassign), ["/team/activity:GET"] = new(Capability.TeamView), ["/team/audit:GET"] = new(Capability.AuditLog),
        ["/contacts/{id}/edit:GET"] = Need.Mine, ["/contacts/{id}/edit:POST"] = Need.Mine,
        ["/contacts/{id}:Delete"] = Need.Mine, ["/contacts/{id}:Merge"] = Need.Mine, ["/contacts/{id}:UndoMerge"] = Need.Mine, ["/contacts/{id}:DeleteCall"] = Need.Mine,
        ["/contacts/{id}:RestoreCall"] = Need.Mine, ["/contacts/{id}:CallNote"] = Need.Mine,
        ["/calls/{id}/edit:POST"] = Need.Mine, ["/calls/{id}/edit:Delete"] = Need.Mine,
    };

    /// <summary>Pages anyone may open: signing in, first run, invitations, resets, errors.</summary>
    private static readonly HashSet<string> PublicPages = ["/signin", "/signin/code", "/signout", "/setup", "/forgot", "/invite/{token}", "/reset/{token}", "/error/{code}"];

    /// <summary>Handlers left out of the walk, with why: each is tested on its own.</summary>
    private static readonly HashSet<string> NotWalked = ["/settings/security:EndAll"]; // signs the walker out everywhere: SessionTests

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_endpoint_and_page_handler_answers_each_role_as_the_matrix_says_and_never_shows_another_organization(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider, new Dictionary<string, string?> { ["Ringback:SignIn:PerAddressPerMinute"] = "1000" });
        var world = await World.MakeAsync(app);
        var failures = new List<string>();

        // The API: every route the app maps, destructive ones last so that the others still find their records.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            // The CSS, script, icons and manifest are public files, mapped by MapStaticAssets.
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: Normalize(e.RoutePattern.RawText!))))
            .Where(e => !e.Route.StartsWith("/api/{", StringComparison.Ordinal))
            .Distinct()
            .OrderBy(e => e.Route, StringComparer.Ordinal)
            .ToList();
        foreach (var missing in endpoints.Select(e => $"{e.Method} {e.Route}").Where(k => !Api.ContainsKey(k)))
        {
            var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().First(e => $"{Normalize(e.RoutePattern.RawText!)}" == missing.Split(' ')[1]);
            failures.Add($"{missing} ({endpoint.DisplayName}) is not in the matrix: decide who may use it");
        }

        foreach (var stale in Api.Keys.Except(endpoints.Select(e => $"{e.Method} {e.Route}")))
        {
            failures.Add($"{stale} is in the matrix but the app has no such endpoint");
        }

        // The pages: every handler of every page model.
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<CompiledPageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .Select(p => (Route: Normalize(p.Endpoint.RoutePattern.RawText!), Page: p.Page!))
            .DistinctBy(p => p.Route)
            .ToList();
        foreach (var anonymous in pages.Where(p => p.Page.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any()).Select(p => p.Route))
        {
            if (!PublicPages.Contains(anonymous))
            {
                failures.Add($"page {anonymous} is open to anyone but not listed as public");
            }
        }

        var handlers = pages.Where(p => !PublicPages.Contains(p.Route))
            .SelectMany(p => p.Page.HandlerMethods.Select(h => (p.Route, h.HttpMethod, Name: h.Name, h.MethodInfo)))
            .OrderBy(h => h.Route, StringComparer.Ordinal)
            .ToList();
        foreach (var key in Pages.Keys.Where(k => !handlers.Any(h => Key(h.Route, h.HttpMethod, h.Name) == k)))
        {
            failures.Add($"{key} is in the page matrix but no page has that handler");
        }

        async Task WalkApiAsync(string method, string route)
        {
            var need = Api[$"{method} {route}"];
            var url = world.Fill(route);

            // Another organization's owner, holding this organization's ids, finds nothing.
            if (url != route)
            {
                var (status, body) = await World.ApiAsync(world.Outsider, method, url);
                if ((int)status is >= 200 and < 300 || body.Contains(World.Secret, StringComparison.Ordinal))
                {
                    failures.Add($"{method} {url} as another organization's owner: {(int)status} {Cut(body)}");
                }
            }

            foreach (var role in RoleMatrix.Roles.Reverse())
            {
                var (status, body) = await World.ApiAsync(world.Api[role], method, url);
                var refused = status == HttpStatusCode.Forbidden;
                if (refused == need.Allows(role) || status == HttpStatusCode.Unauthorized || (int)status >= 500)
                {
                    failures.Add($"{method} {url} as {role}: {(int)status} {Cut(body)}, expected {(need.Allows(role) ? "allowed" : "403")}");
                }
            }
        }

        async Task WalkPageAsync(string route, string httpMethod, string? name, MethodInfo method)
        {
            var key = Key(route, httpMethod, name);
            if (NotWalked.Contains(key))
            {
                return;
            }

            var need = Pages.GetValueOrDefault(key, Need.Work);
            // The page's delete has a contact of its own: the API's delete, just before, removed the shared one.
            var url = (key == "/contacts/{id}:Delete" ? $"/contacts/{world.Ids["doomed"]}" : world.Fill(route)) + (name is null ? "?" : $"?handler={name}&") + world.Arguments(route, method);
            if (!url.Contains('{', StringComparison.Ordinal) && world.Fill(route) != route)
            {
                var (status, body) = await world.PageAsync(world.OutsiderPages, httpMethod, url);
                if ((int)status is >= 200 and < 300 && body.Contains(World.Secret, StringComparison.Ordinal))
                {
                    failures.Add($"page {httpMethod} {url} as another organization's owner shows this organization's data");
                }
            }

            foreach (var role in RoleMatrix.Roles.Reverse())
            {
                var (status, body) = await world.PageAsync(world.Pages[role], httpMethod, url);
                var refused = status == HttpStatusCode.Forbidden;
                if (status == HttpStatusCode.Redirect && body.Contains("/signin", StringComparison.Ordinal))
                {
                    failures.Add($"page {httpMethod} {url} as {role}: signed out ({body})");
                }
                else if (refused == need.Allows(role) || (int)status >= 500)
                {
                    failures.Add($"page {httpMethod} {url} as {role}: {(int)status}, expected {(need.Allows(role) ? "allowed" : "403")}");
                }
            }
        }

        // Destructive steps last, and deleting the contact the others use last of all, so that every step finds its records.
        var apiSteps = endpoints.Where(e => Api.TryGetValue($"{e.Method} {e.Route}", out var n) && n.Capability is not null).ToList();
        foreach (var phase in new[] { 0, 1, 2 })
        {
            // In the last phase the API's delete goes first: the page's delete would leave it nothing to refuse.
            if (phase == 2)
            {
                foreach (var e in apiSteps.Where(e => Phase(e.Method, e.Route) == phase))
                {
                    await WalkApiAsync(e.Method, e.Route);
                }
            }

            foreach (var h in handlers.Where(h => Phase(h.Route, h.Name) == phase))
            {
                await WalkPageAsync(h.Route, h.HttpMethod, h.Name, h.MethodInfo);
            }

            foreach (var e in apiSteps.Where(e => phase != 2 && Phase(e.Method, e.Route) == phase))
            {
                await WalkApiAsync(e.Method, e.Route);
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
        endpoints.Count.ShouldBeGreaterThan(60, "the walk found the API");
        handlers.Count.ShouldBeGreaterThan(60, "the walk found the page handlers");
    }

    private static string Key(string route, string httpMethod, string? name) => $"{route}:{name ?? httpMethod.ToUpperInvariant()}";

    /// <summary>0: reads and harmless writes; 1: removes or changes for good; 2: deletes the contact every other step uses.</summary>
    private static int Phase(string methodOrRoute, string? routeOrHandler) => (methodOrRoute, routeOrHandler) switch
    {
        ("DELETE", "/api/v1/contacts/{id}") or ("/contacts/{id}", "Delete") => 2,
        ("DELETE", _) => 1,
        (_, { } r) when r.EndsWith("/deactivate", StringComparison.Ordinal) || r.EndsWith("/do-not-call", StringComparison.Ordinal) => 1,
        (_, "Delete" or "DeleteCall" or "Deactivate" or "Reassign" or "Merge" or "UndoMerge" or "DoNotCall" or "RemoveGatekeeper") => 1,
        _ => 0,
    };

    /// <summary>"/api/v1/contacts/{id:guid}/" → "/api/v1/contacts/{id}".</summary>
    private static string Normalize(string raw)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(raw, "\\{([^}:?]+)[^}]*\\}", "{$1}");
        text = text.TrimEnd('/');
        return text.Length == 0 ? "/" : text.StartsWith('/') ? text : "/" + text;
    }

    private static string Cut(string body) => body.Length <= 160 ? body : body[..160] + "…";

    /// <summary>Two organizations: ABC with an owner, a manager, two reps and records of every kind (owned by the owner); XYZ with its owner.</summary>
    private sealed class World
    {
        /// <summary>A word in ABC's records that must never reach XYZ.</summary>
        public const string Secret = "Quixotic";

        public required Dictionary<UserRole, HttpClient> Api { get; init; }
        public required Dictionary<UserRole, HttpClient> Pages { get; init; }
        public required HttpClient Outsider { get; init; }
        public required HttpClient OutsiderPages { get; init; }
        public required Dictionary<string, Guid> Ids { get; init; }
        private readonly Dictionary<HttpClient, string> _tokens = [];

        public static async Task<World> MakeAsync(RingbackApiFactory app)
        {
            var (owner, ownerApi) = await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
            var api = new Dictionary<UserRole, HttpClient> { [UserRole.Owner] = ownerApi };
            foreach (var (role, email) in new[] { (UserRole.Manager, "max@abc.example"), (UserRole.Rep, "rae@abc.example"), (UserRole.Rep, "dee@abc.example") })
            {
                var (user, client) = await app.SignUpAsync(email, "ABC", email.Split('@')[0]);
                await using var db = app.Database.NewContext(owner.OrganizationId);
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role));
                if (email != "dee@abc.example")
                {
                    api[role] = client;
                }
            }

            var (_, outsider) = await app.SignUpAsync("bo@xyz.example", "XYZ", "Bo Outsider");
            var (_, sue) = await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = Secret, directPhone = "(212) 555-0147", email = "sue@quixotic.example" });
            var (_, ann) = await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = Secret + "son", directPhone = "(212) 555-0148" });
            var (_, doomed) = await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Dom", lastName = Secret + "ly", directPhone = "(212) 555-0149" });
            var contactId = Guid.Parse(sue.Str("contact.id"));
            var (_, call) = await ownerApi.PostAsync($"/api/v1/contacts/{contactId}/calls", new { outcome = "voicemail-left", messageText = $"Hi Sue, {Secret} calling." });
            var (_, inbox) = await ownerApi.PostAsync("/api/v1/callbacks", new { from = "(415) 555-0199" });
            var (_, invitation) = await ownerApi.PostAsync("/api/v1/invitations", new { email = "new@abc.example", role = "rep" });
            var (_, cadences) = await ownerApi.GetJsonAsync("/api/v1/cadences");
            var ids = new Dictionary<string, Guid>
            {
                ["contact"] = contactId, ["other"] = Guid.Parse(ann.Str("contact.id")), ["doomed"] = Guid.Parse(doomed.Str("contact.id")), ["call"] = Guid.Parse(call.Str("id")),
                ["inbox"] = Guid.Parse(inbox.Str("inbox.id")), ["invitation"] = Guid.Parse(invitation.Str("id")), ["cadence"] = Guid.Parse(cadences.Str("0.id")),
            };
            await using (var db = app.Database.NewContext(owner.OrganizationId))
            {
                ids["dee"] = (await db.Users.SingleAsync(u => u.Email == "dee@abc.example")).Id;
                var gatekeeper = new Ringback.Contacts.Gatekeeper { Id = Guid.CreateVersion7(), ContactId = contactId, Name = "Pat " + Secret };
                var reference = new Ringback.Contacts.ReferenceClient { Id = Guid.CreateVersion7(), CompanyName = Secret + " Tires", Industry = "Tires" };
                var template = new Ringback.Coach.SavedTemplate { Id = Guid.CreateVersion7(), UserId = owner.Id, Strategy = Ringback.Calls.Strategy.Vague, Name = Secret, Body = "Hi {firstName}" };
                db.AddRange(gatekeeper, reference, template);
                await db.SaveChangesAsync();
                (ids["gatekeeper"], ids["reference"], ids["template"]) = (gatekeeper.Id, reference.Id, template.Id);
            }

            var pages = new Dictionary<UserRole, HttpClient>();
            foreach (var (role, email) in new[] { (UserRole.Owner, "olga@abc.example"), (UserRole.Manager, "max@abc.example"), (UserRole.Rep, "rae@abc.example") })
            {
                pages[role] = await SignInAsync(app, email);
            }

            var world = new World { Api = api, Pages = pages, Outsider = outsider, OutsiderPages = await SignInAsync(app, "bo@xyz.example"), Ids = ids };
            foreach (var client in pages.Values.Append(world.OutsiderPages))
            {
                world._tokens[client] = RingbackApiFactory.AntiforgeryToken(await client.GetStringAsync("/today"));
            }

            return world;
        }

        private static async Task<HttpClient> SignInAsync(RingbackApiFactory app, string email)
        {
            // Cookies kept, redirects not followed: a redirect to sign-in must show, not turn into the sign-in page's 200.
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var token = RingbackApiFactory.AntiforgeryToken(await client.GetStringAsync("/signin"));
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = "correct horse battery staple", ["__RequestVerificationToken"] = token });
            (await client.PostAsync("/signin", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return client;
        }

        /// <summary>The route with this organization's ids in it.</summary>
        public string Fill(string route)
        {
            var id = route switch
            {
                _ when route.StartsWith("/api/v1/gatekeepers", StringComparison.Ordinal) => Ids["gatekeeper"],
                _ when route.StartsWith("/api/v1/reference-clients", StringComparison.Ordinal) => Ids["reference"],
                _ when route.StartsWith("/api/v1/calls", StringComparison.Ordinal) || route.StartsWith("/calls", StringComparison.Ordinal) => Ids["call"],
                _ when route.StartsWith("/api/v1/inbox", StringComparison.Ordinal) => Ids["inbox"],
                _ when route.StartsWith("/api/v1/cadences", StringComparison.Ordinal) => Ids["cadence"],
                _ when route.StartsWith("/api/v1/templates", StringComparison.Ordinal) => Ids["template"],
                _ when route.StartsWith("/api/v1/users", StringComparison.Ordinal) => Ids["dee"],
                _ when route.StartsWith("/api/v1/invitations", StringComparison.Ordinal) => Ids["invitation"],
                _ => Ids["contact"],
            };
            return route.Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{contactId}", Ids["contact"].ToString(), StringComparison.Ordinal);
        }

        /// <summary>Query arguments for a page handler's own parameters: this organization's records by their names.</summary>
        public string Arguments(string route, MethodInfo handler)
        {
            var values = new List<string>();
            foreach (var parameter in handler.GetParameters().Where(p => p.ParameterType == typeof(Guid) || p.ParameterType == typeof(Guid?)))
            {
                var id = parameter.Name switch
                {
                    "callId" => Ids["call"],
                    "gatekeeperId" => Ids["gatekeeper"],
                    "otherId" => Ids["other"],
                    "contactId" => Ids["contact"],
                    "userId" or "from" => Ids["dee"],
                    "to" => Ids["dee"],
                    "id" when route == "/templates" => Ids["template"],
                    "id" when route == "/reference-clients" => Ids["reference"],
                    "id" when route == "/inbox" => Ids["inbox"],
                    "id" when route == "/team" => Ids["invitation"],
                    _ => Guid.NewGuid(),
                };
                values.Add($"{parameter.Name}={id}");
            }

            return string.Join("&", values);
        }

        public static async Task<(HttpStatusCode Status, string Body)> ApiAsync(HttpClient client, string method, string url)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = url.Contains("/imports/", StringComparison.Ordinal)
                    ? new StringContent("First Name,Last Name\n", Encoding.UTF8, "text/csv")
                    : new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<(HttpStatusCode Status, string Body)> PageAsync(HttpClient client, string httpMethod, string url)
        {
            using var request = new HttpRequestMessage(new HttpMethod(httpMethod), url);
            if (httpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase))
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = _tokens[client] });
                request.Headers.Add("RequestVerificationToken", _tokens[client]);
            }

            using var response = await client.SendAsync(request);
            var body = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? string.Empty : await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }
    }
}
