using Microsoft.AspNetCore.HttpOverrides;

namespace Ringback.Hosting;

/// <summary>
/// Headers every response carries. The Content-Security-Policy allows scripts and styles from Ringback itself only —
/// no inline script, no inline style, no other origin — so text a prospect or a CSV put on a page can never run, even
/// if an encoding slip let it through; and no other site may frame Ringback (clickjacking).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; " +
        "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Reset and invitation links carry their secret in the path: no other site may see it as a referrer.
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Behind a reverse proxy that terminates HTTPS, the request's scheme and the client's address come from its
    /// X-Forwarded-Proto and X-Forwarded-For — believed only from the proxies named in <c>Ringback:TrustedProxies</c>
    /// (loopback always), so cookies are marked Secure and throttles count the real client.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in (configuration["Ringback:TrustedProxies"] ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!System.Net.IPAddress.TryParse(proxy, out var address))
            {
                throw new InvalidOperationException($"Ringback:TrustedProxies: \"{proxy}\" is not an IP address.");
            }

            options.KnownProxies.Add(address);
        }

        return app.UseForwardedHeaders(options);
    }
}
