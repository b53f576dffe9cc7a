using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Text;
using Ringback.Scheduling;

namespace Ringback.Hosting;

/// <summary>
/// Instants on the wire as ISO 8601 text with any offset ("2026-11-23T08:15:00-05:00" or "…Z"), so API requests can
/// bind the domain's own drafts (a <c>CallDraft</c>) rather than a copy of them with <c>DateTimeOffset</c> fields.
/// </summary>
internal sealed class InstantJsonConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Instants.Parse(text)
            ?? throw new JsonException(Instants.Parse(text) is null && Instants.Why(text).Contains(" is not between ", StringComparison.Ordinal)
                ? Instants.Why(text) + "."
                : $"'{text}' is not a date and time: write it as 2026-11-23T08:15:00-05:00, or in UTC as 2026-11-23T13:15:00Z.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    /// <summary>The OpenAPI document describes an instant as the string it is on the wire.</summary>
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(Instant))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
            schema.Properties?.Clear();
        }

        return Task.CompletedTask;
    }
}
