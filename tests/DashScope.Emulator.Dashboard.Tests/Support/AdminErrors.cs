using System.Text.Json;

namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>Reads the admin API's error answer, <c>{"error":"…"}</c>.</summary>
internal static class AdminErrors
{
    /// <summary>The error's message; fails the test when the answer is not an admin error.</summary>
    public static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("error").GetString() ?? throw new InvalidOperationException("An admin error without a message: " + text);
    }
}
