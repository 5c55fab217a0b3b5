using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DashScope.Emulator.Http;
using WireMock;

namespace DashScope.Emulator.Admin;

/// <summary>Reads admin request bodies and writes admin answers, all with System.Text.Json: camelCase, enums by name.</summary>
internal static class AdminAnswers
{
    /// <summary>The admin API's JSON settings (published as <see cref="LivePortraitEmulator.AdminJson"/>).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    private static readonly byte[] DoneBody = "{\"done\":true}"u8.ToArray();

    public static T Read<T>(IRequestMessage request)
    {
        var body = request.BodyData?.BodyAsString ?? (request.BodyData?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        return JsonSerializer.Deserialize<T>(body ?? "", Options) ?? throw new JsonException($"The body must be a {typeof(T).Name}.");
    }

    /// <summary>A query parameter's first value; null when the request has none.</summary>
    public static string? Query(IRequestMessage request, string name) =>
        request.Query?.TryGetValue(name, out var values) == true ? values.FirstOrDefault() : null;

    public static Answer Ok<T>(T value) => Answer.Json(200, JsonSerializer.SerializeToUtf8Bytes(value, Options));

    /// <summary>The answer of a command that has nothing to report.</summary>
    public static Answer Done() => Answer.Json(200, DoneBody);

    public static Answer BadRequest(string message) => Failure(400, message, "AdminBadRequest");

    public static Answer Forbidden(string message) => Failure(403, message, "AdminForbidden");

    public static Answer NotFound(string message) => Failure(404, message, "AdminNotFound");

    public static Answer Conflict(string message) => Failure(409, message, "AdminConflict");

    private static Answer Failure(int status, string message, string code) =>
        Answer.Json(status, JsonSerializer.SerializeToUtf8Bytes(new AdminError(message), Options), code);

    private sealed record AdminError(string Error);
}
