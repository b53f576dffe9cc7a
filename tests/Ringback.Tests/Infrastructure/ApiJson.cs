using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ringback.Tests.Infrastructure;

/// <summary>JSON in and out of the API as plain nodes, so the tests read the wire format a client sees.</summary>
internal static class ApiJson
{
    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(this HttpClient client, string url, object body) => client.SendAsync(HttpMethod.Post, url, body);

    public static Task<(HttpResponseMessage Response, JsonNode? Body)> PutAsync(this HttpClient client, string url, object body) => client.SendAsync(HttpMethod.Put, url, body);

    public static Task<(HttpResponseMessage Response, JsonNode? Body)> GetJsonAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    public static string Str(this JsonNode? node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = int.TryParse(part, out var index) ? current?[index] : current?[part];
        }

        return current is null ? "<null>" : current.GetValueKind() == JsonValueKind.String ? current.GetValue<string>() : current.ToJsonString();
    }
}
