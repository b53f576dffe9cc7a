using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ringback.Cli;

/// <summary>JSON as the command line prints it: the API's names and enum spelling, for a terminal or a pipe.</summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Printed to a terminal or a pipe, never into HTML: quotes and apostrophes stay as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
