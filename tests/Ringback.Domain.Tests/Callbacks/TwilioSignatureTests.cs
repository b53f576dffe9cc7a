using Ringback.Callbacks;

namespace Ringback.Domain.Tests.Callbacks;

public class TwilioSignatureTests
{
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("To", "+18005551212"),
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675310"),
        new("Caller", "+14158675310"),
        new("Digits", "1234"),
    ];

    // Computed by the Twilio Python library's RequestValidator("12345").compute_signature (Debian's python3-twilio 7.7.1);
    // the integration tests also ask it live about random requests.
    private const string Expected = "GvWf1cFY/Q7PnoempGyD5oXAezc=";

    [Fact]
    public void The_signature_is_twilios()
    {
        TwilioSignature.Compute("12345", Url, Form).ShouldBe(Expected);
        TwilioSignature.IsValid("12345", Url, Form, Expected).ShouldBeTrue();
    }

    [Fact]
    public void A_changed_parameter_url_or_token_fails()
    {
        TwilioSignature.IsValid("12345", Url, [.. Form[..^1], new("Digits", "1235")], Expected).ShouldBeFalse();
        TwilioSignature.IsValid("12345", Url.Replace("foo=1", "foo=2", StringComparison.Ordinal), Form, Expected).ShouldBeFalse();
        TwilioSignature.IsValid("54321", Url, Form, Expected).ShouldBeFalse();
    }

    [Fact]
    public void A_missing_signature_or_token_fails()
    {
        TwilioSignature.IsValid("12345", Url, Form, null).ShouldBeFalse();
        TwilioSignature.IsValid("12345", Url, Form, "").ShouldBeFalse();
        TwilioSignature.IsValid("", Url, Form, Expected).ShouldBeFalse();
    }

    [Fact]
    public void Twilio_may_have_signed_the_url_with_or_without_the_default_port()
    {
        var withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        TwilioSignature.IsValid("12345", withPort, Form, Expected).ShouldBeTrue();
        TwilioSignature.IsValid("12345", Url, Form, TwilioSignature.Compute("12345", withPort, Form)).ShouldBeTrue();
    }
}
