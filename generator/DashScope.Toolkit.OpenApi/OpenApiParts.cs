using System.Globalization;
using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.OpenApi;

/// <summary>The pieces every operation of the document is written with, whichever writer writes it.</summary>
internal static class OpenApiParts
{
    /// <summary>Header parameters OpenAPI ignores: the key is the security scheme, the content type the body's media type.</summary>
    public static readonly HashSet<string> HeadersOpenApiOwns = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Content-Type", "Accept" };

    /// <summary>The path item of <paramref name="path"/>, added to <paramref name="paths"/> the first time it is asked for.</summary>
    public static JsonObject PathItem(JsonObject paths, string path)
    {
        if (paths[path] is not JsonObject item)
        {
            item = new JsonObject();
            paths[path] = item;
        }

        return item;
    }

    /// <summary>The name of the shared answer of an error status under <c>components/responses</c>.</summary>
    public static string ErrorResponseName(int status) => "Error" + status.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds to <paramref name="responses"/> a reference to the shared error answer of every documented error status.</summary>
    public static void AddErrorResponses(JsonObject responses, EndpointDescription description)
    {
        foreach (var status in description.Errors.Where(e => e.Status is not null).Select(e => e.Status!.Value).Distinct().Order())
        {
            responses[status.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["$ref"] = "#/components/responses/" + ErrorResponseName(status) };
        }
    }

    /// <summary>The <c>x-dashscope-rate-limit</c> extension of an operation.</summary>
    public static JsonObject RateLimit(RateLimitDescription limit) => new()
    {
        ["requestsPerSecond"] = limit.RequestsPerSecond,
        ["scope"] = limit.Scope,
        ["confirmed"] = limit.Confirmed,
    };
}
