using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using B64 = System.Buffers.Text.Base64Url;

namespace Ringback.Tests.Infrastructure;

/// <summary>A browser's side of a push subscription: its P-256 key pair and auth secret (RFC 8291), and the endpoint it got.</summary>
public sealed class BrowserDevice(string endpoint) : IDisposable
{
    public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

    public string Endpoint { get; } = endpoint;

    public byte[] PublicKey
    {
        get
        {
            var p = Key.ExportParameters(false);
            return [0x04, .. p.Q.X!, .. p.Q.Y!];
        }
    }

    /// <summary>The JSON a browser's <c>PushSubscription.toJSON()</c> gives.</summary>
    public object Json => new { endpoint = Endpoint, keys = new { p256dh = B64.EncodeToString(PublicKey), auth = B64.EncodeToString(Auth) } };

    public void Dispose() => Key.Dispose();
}

/// <summary>A message the push service accepted: checked and decrypted as a browser would.</summary>
public sealed record ReceivedPush(string DeviceId, JsonElement Payload, string Audience, string Subject, DateTimeOffset Expires, int Ttl, string? Urgency, string? Topic);

/// <summary>
/// A push service for tests, on loopback: it refuses any request whose VAPID JWT (RFC 8292) does not verify with
/// the key sent beside it, or names another audience, and decrypts each aes128gcm payload (RFC 8188, RFC 8291) with
/// the device's private key and auth secret, as the device would. A device can be told to answer 410 (unsubscribed)
/// or to hang, as real push services do.
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, BrowserDevice> _devices = new();
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private readonly ConcurrentQueue<string> _refused = new();

    /// <summary>Devices that answer 410 Gone.</summary>
    public ConcurrentDictionary<string, bool> Gone { get; } = new();

    /// <summary>Devices that take this long to answer.</summary>
    public ConcurrentDictionary<string, TimeSpan> Hang { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    private PushReceiver(WebApplication app)
    {
        _app = app;
    }

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new PushReceiver(app);
        app.MapPost("/push/{id}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public BrowserDevice NewDevice()
    {
        var id = Guid.NewGuid().ToString("N");
        var device = new BrowserDevice($"{BaseUrl}/push/{id}");
        _devices[id] = device;
        return device;
    }

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    /// <summary>Requests refused, with why: a bad signature, a wrong audience, a payload that would not decrypt.</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    private async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        if (!_devices.TryGetValue(id, out var device))
        {
            return Results.NotFound();
        }

        if (Hang.TryGetValue(id, out var hang))
        {
            await Task.Delay(hang, http.RequestAborted);
        }

        if (Gone.ContainsKey(id))
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        try
        {
            var (audience, subject, expires) = Verify(http.Request.Headers.Authorization.ToString(), $"{http.Request.Scheme}://{http.Request.Host}");
            if (!string.Equals(http.Request.Headers.ContentEncoding.ToString(), "aes128gcm", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Content-Encoding is '{http.Request.Headers.ContentEncoding}', not aes128gcm");
            }

            var plain = Decrypt(body.ToArray(), device);
            using var json = JsonDocument.Parse(plain);
            _received.Enqueue(new ReceivedPush(id, json.RootElement.Clone(), audience, subject, expires,
                int.Parse(http.Request.Headers["TTL"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
                http.Request.Headers["Urgency"].FirstOrDefault(), http.Request.Headers["Topic"].FirstOrDefault()));
            return Results.Created($"/messages/{Guid.NewGuid():N}", null);
        }
        catch (Exception e) when (e is InvalidOperationException or CryptographicException or FormatException or JsonException)
        {
            _refused.Enqueue(e.Message);
            return Results.StatusCode(e is CryptographicException or JsonException ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized);
        }
    }

    /// <summary>RFC 8292: <c>Authorization: vapid t=JWT, k=public key</c>; the JWT is ES256 over the key, for this origin, not expired, at most 24 h.</summary>
    private static (string Audience, string Subject, DateTimeOffset Expires) Verify(string authorization, string origin)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"not a vapid authorization: '{authorization}'");
        }

        var parts = authorization[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var jwt = parts["t"].Split('.');
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = B64.DecodeFromChars(parts["k"])[1..33], Y = B64.DecodeFromChars(parts["k"])[33..65] },
        });
        if (!key.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), B64.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new InvalidOperationException("the VAPID JWT's signature does not verify with its key");
        }

        using var header = JsonDocument.Parse(B64.DecodeFromChars(jwt[0]));
        using var claims = JsonDocument.Parse(B64.DecodeFromChars(jwt[1]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            throw new InvalidOperationException("the VAPID JWT is not ES256");
        }

        var audience = claims.RootElement.GetProperty("aud").GetString()!;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        if (audience != origin)
        {
            throw new InvalidOperationException($"the VAPID JWT is for '{audience}', not '{origin}'");
        }

        // A push service checks the token against its own wall clock, not the app's fake one.
        var wall = TestEnvironment.WallClock.GetCurrentInstant().ToDateTimeOffset();
        if (expires < wall || expires > wall.AddHours(24.1))
        {
            throw new InvalidOperationException($"the VAPID JWT expires at {expires:O}: not within the next 24 hours");
        }

        return (audience, claims.RootElement.GetProperty("sub").GetString()!, expires);
    }

    /// <summary>RFC 8291 §3.4 and RFC 8188: one aes128gcm record, keyed by ECDH with the sender's key in the header and the auth secret.</summary>
    private static byte[] Decrypt(byte[] body, BrowserDevice device)
    {
        var salt = body[..16];
        var recordSize = (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19];
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (idLength != 65 || record.Length > recordSize)
        {
            throw new CryptographicException($"unexpected header: key id {idLength} bytes, record {record.Length} of {recordSize}");
        }

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
        });
        var shared = device.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info"u8, 0, .. device.PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, device.Auth, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, [.. "Content-Encoding: aes128gcm"u8, 0]);
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, [.. "Content-Encoding: nonce"u8, 0]);
        var plain = new byte[record.Length - 16];
        using (var gcm = new AesGcm(cek, 16))
        {
            gcm.Decrypt(nonce, record[..^16], record[^16..], plain);
        }

        // The last record ends with the delimiter 0x02, then any padding zeros.
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2)
        {
            throw new CryptographicException("the record has no last-record delimiter");
        }

        return plain[..end];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices.Values)
        {
            device.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
