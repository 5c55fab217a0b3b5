using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Recording;

/// <summary>Recognises the upload policy call by the method and path the description gives it.</summary>
internal static class UploadCalls
{
    public static bool IsPolicyCall(LivePortraitSchema schema, string method, string path) =>
        schema.Description.Uploads is { } uploads
        && string.Equals(method, uploads.Policy.Method, StringComparison.OrdinalIgnoreCase)
        && string.Equals(path.TrimEnd('/'), (schema.BasePath + uploads.Policy.Path).TrimEnd('/'), StringComparison.Ordinal);
}
