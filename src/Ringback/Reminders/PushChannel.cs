using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Planner;
using Ringback.Data.Reminders;
using Ringback.Data.Secrets;
using Ringback.Hosting;

namespace Ringback.Reminders;

/// <summary><c>Ringback:Push</c>.</summary>
public sealed class PushOptions
{
    public const string Section = "Ringback:Push";

    /// <summary>Whether reminders go by Web Push at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Who push services may write to about this server's messages (RFC 8292 "sub"): a mailto: or https: address.
    /// Default: the public URL when it is https, else the SMTP sender.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>How long one push service may take to answer before the delivery is tried again later.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// The VAPID key pair (RFC 8292) push messages are signed with: made on first use, kept encrypted in the database
/// so every node of a cluster signs with the same key (a browser's subscription names it), read once per process.
/// </summary>
public sealed class PushKeys(IOptions<StorageOptions> storage, IDataProtectionProvider protection, IClock clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string PublicKey, string PrivateKey)? _keys;

    public async Task<(string PublicKey, string PrivateKey)> GetAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = Storage.NewContext(storage.Value, null);
            var protector = protection.CreateProtector(ServerSecrets.Purpose);
            var pair = await ServerSecrets.GetOrCreateAsync(db, ServerSecrets.Vapid, Make, protector.Protect, protector.Unprotect, clock.GetCurrentInstant(), cancellationToken);
            var parts = pair.Split(' ');
            _keys = (parts[0], parts[1]);
            return _keys.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A P-256 key pair as VAPID wants it: the public key uncompressed (65 bytes), the private key's 32 bytes, base64url.</summary>
    private static string Make()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        byte[] publicKey = [0x04, .. p.Q.X!, .. p.Q.Y!];
        return $"{System.Buffers.Text.Base64Url.EncodeToString(publicKey)} {System.Buffers.Text.Base64Url.EncodeToString(p.D!)}";
    }
}

/// <summary>
/// Signs each request's VAPID token for the push resource's origin with its port (RFC 8292 §2: "aud" is the origin),
/// where Lib.Net.Http.WebPush leaves a non-default port out and a push service that checks would refuse it.
/// </summary>
internal sealed class OriginAudience(VapidAuthentication vapid) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("vapid",
                vapid.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// VAPID tokens by audience for one pass of the sender (seconds to a minute), far inside a token's 12 hours, so
/// they are kept for the pass without looking at the clock.
/// </summary>
internal sealed class VapidTokens : IVapidTokenCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

    public string? Get(string audience) => _tokens.GetValueOrDefault(audience);

    public void Put(string audience, DateTimeOffset expiration, string token) => _tokens[audience] = token;
}

/// <summary>What the service worker gets, decrypted on the device: enough to show the notification and act on it.</summary>
public sealed record PushPayload(string Title, string Body, string Url, string? Tel, string Tag, string? Snooze);

/// <summary>
/// Web Push (RFC 8030) with VAPID (RFC 8292), payloads encrypted to each device's keys (RFC 8291, aes128gcm) by
/// Lib.Net.Http.WebPush. Devices are sent to side by side with a timeout each, so one push service that hangs holds
/// up neither the others nor the mail. A device the push service no longer knows (404, 410) is dropped.
/// </summary>
public sealed class PushChannel(PushKeys keys, IOptions<PushOptions> options, IOptions<Mail.SmtpOptions> smtp, IOptions<RingbackOptions> ringback,
    IOptions<PlannerOptions> planner, IDataProtectionProvider protection, IClock clock) : IReminderChannel
{
    /// <summary>The data-protection purpose of the token that lets a notification snooze its reminder.</summary>
    public const string SnoozePurpose = "Ringback.Reminders.Snooze.v1";

    private const int SideBySide = 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ReminderChannel Channel => ReminderChannel.Push;

    public bool Ready => options.Value.Enabled;

    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<Outgoing> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (publicKey, privateKey) = await keys.GetAsync(cancellationToken);
        // One signed token per push service for the pass, not one signature per message.
        using var vapid = new VapidAuthentication(publicKey, privateKey) { Subject = Subject(), TokenCache = new VapidTokens() };
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds));
        using var http = new HttpClient(new OriginAudience(vapid) { InnerHandler = new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new PushServiceClient(http) { DefaultAuthentication = vapid, AutoRetryAfter = false };
        var snooze = protection.CreateProtector(SnoozePurpose).ToTimeLimitedDataProtector();
        using var gate = new SemaphoreSlim(SideBySide);
        var now = clock.GetCurrentInstant();
        return await Task.WhenAll(batch.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await SendOneAsync(client, item, snooze, timeout, now, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task<DeliveryOutcome> SendOneAsync(PushServiceClient client, Outgoing item, ITimeLimitedDataProtector snooze, TimeSpan timeout, Instant now,
        CancellationToken cancellationToken)
    {
        var device = item.Subscription!;
        var host = Uri.TryCreate(device.Endpoint, UriKind.Absolute, out var uri) ? uri.Authority : "the push service";
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var reminder = item.Reminder;
        // Kept by the push service only as long as the reminder is of use: a phone that comes online an hour later is not told.
        var useful = reminder.DueAt + planner.Value.Settings.PromiseTolerance - now;
        var message = new PushMessage(JsonSerializer.Serialize(Payload(item, snooze), Json))
        {
            TimeToLive = (int)Math.Clamp(useful.TotalSeconds, 60, 4 * 3600),
            Urgency = PushMessageUrgency.High,
            Topic = reminder.Id.ToString("N"),
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, message, limit.Token);
            return new DeliveryOutcome(item.Delivery.Id, true);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return new DeliveryOutcome(item.Delivery.Id, false, $"push service {host}: {(int)e.StatusCode}: the device unsubscribed; removed", Gone: true);
        }
        catch (PushServiceClientException e)
        {
            return new DeliveryOutcome(item.Delivery.Id, false, $"push service {host}: {(int)e.StatusCode} {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(item.Delivery.Id, false, $"push service {host} did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(item.Delivery.Id, false, $"push service {host}: {e.Message}");
        }
    }

    /// <summary>What the notification shows and does: the contact with the log-call form, the number, and snooze.</summary>
    public PushPayload Payload(Outgoing item, ITimeLimitedDataProtector snooze)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(snooze);
        var reminder = item.Reminder;
        var url = reminder.ContactId is { } id ? $"/contacts/{id}#log-call" : "/today";
        var token = reminder.Kind is ReminderKind.Promise or ReminderKind.Appointment
            ? snooze.Protect($"{reminder.Id:N}.{reminder.UserId:N}", TimeSpan.FromHours(12))
            : null;
        return new PushPayload(reminder.Title ?? "Ringback reminder", reminder.Text ?? string.Empty, url, reminder.TelUri, reminder.Id.ToString("N"), token);
    }

    private string Subject()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Subject))
        {
            return options.Value.Subject;
        }

        if (ringback.Value.PublicUrl is { } site && site.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return site.TrimEnd('/');
        }

        var from = MimeKit.MailboxAddress.TryParse(smtp.Value.From, out var mailbox) ? mailbox.Address : "ringback@localhost";
        return $"mailto:{from}";
    }
}
