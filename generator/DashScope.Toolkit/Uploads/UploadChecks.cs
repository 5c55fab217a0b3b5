using System.Globalization;
using System.Net;

namespace DashScope.Toolkit;

/// <summary>
/// The checks a file passes before any byte of it is sent: not empty, a format the model's media rules take
/// (read from its content), under the rule's size limit and under the policy's. Each failure names the file.
/// </summary>
internal static class UploadChecks
{
    /// <summary>The media rules a file for <paramref name="model"/> (and <paramref name="fieldPath"/>, when given) must keep.</summary>
    public static IReadOnlyList<DashScopeMediaRule> RulesFor(DashScopeUploadProtocol protocol, string fileName, string model, string? fieldPath)
    {
        var rules = protocol.MediaRules.Where(r => r.Model == model).ToList();
        if (rules.Count == 0)
        {
            throw new DashScopeUploadException(fileName, DashScopeUploadFailure.UnknownModel,
                $"Cannot upload '{fileName}' for model '{model}': no request of this endpoint takes a media URL for that model (models that do: {string.Join(", ", protocol.Models)}).");
        }
        if (fieldPath is null) { return rules; }
        var field = rules.Where(r => r.FieldPath == fieldPath).ToList();
        return field.Count > 0
            ? field
            : throw new ArgumentException($"Model '{model}' has no media field '{fieldPath}' (it has: {string.Join(", ", rules.Select(r => r.FieldPath))}).", nameof(fieldPath));
    }

    /// <summary>Checks the content of one file against <paramref name="rules"/>, returning its format.</summary>
    public static string CheckContent(string fileName, ReadOnlySpan<byte> head, long length, string model, IReadOnlyList<DashScopeMediaRule> rules)
    {
        if (length == 0)
        {
            throw new DashScopeUploadException(fileName, DashScopeUploadFailure.EmptyFile, $"'{fileName}' is empty: there is nothing to upload.");
        }
        var format = DashScopeMediaFormat.Detect(head);
        var taking = format is null ? new List<DashScopeMediaRule>() : rules.Where(r => DashScopeMediaFormat.IsAccepted(format, r.Formats)).ToList();
        if (taking.Count == 0)
        {
            var what = format is null ? "its content is not a media format this toolkit recognises" : $"its content is {format}";
            throw new DashScopeUploadException(fileName, DashScopeUploadFailure.UnsupportedFormat,
                $"'{fileName}' cannot be used with {model}: {what}, and {Accepted(rules)}.");
        }
        // Several fields may take the format; the file fits when it fits the most generous of them.
        var limit = taking.Any(r => r.ExclusiveMaxBytes is null) ? null : taking.Max(r => r.ExclusiveMaxBytes);
        if (limit is { } exclusiveMax && length >= exclusiveMax)
        {
            throw new DashScopeUploadException(fileName, DashScopeUploadFailure.TooLarge,
                $"'{fileName}' is {Size(length)} ({length} bytes); {string.Join(" and ", taking.Select(r => r.FieldPath))} of {model} takes {format} files under {Size(exclusiveMax)} ({exclusiveMax} bytes).");
        }
        return format!;
    }

    /// <summary>Checks the file's size against the policy's limit.</summary>
    public static void CheckPolicy(string fileName, long length, DashScopeUploadPolicy policy)
    {
        if (policy.MaxFileSizeBytes is { } max && length > max)
        {
            throw new DashScopeUploadException(fileName, DashScopeUploadFailure.TooLarge,
                $"'{fileName}' is {Size(length)} ({length} bytes); the upload policy for {policy.Model} takes files of at most {Size(max)} ({max} bytes).");
        }
    }

    /// <summary>The exception for a storage answer that is not a success, naming the file and the storage's code.</summary>
    public static DashScopeUploadException Refused(string fileName, HttpStatusCode status, string? code, string? message, string? requestId) =>
        new(fileName, DashScopeUploadFailure.Refused,
            $"The storage refused '{fileName}' with {(int)status} {code ?? "(no code)"}: {message ?? "(no message)"}" + (requestId is null ? string.Empty : $" (request id {requestId})"),
            status, code);

    private static string Accepted(IEnumerable<DashScopeMediaRule> rules) =>
        string.Join("; ", rules.Select(r => $"{r.FieldPath} takes {string.Join(", ", r.Formats)}"));

    private static string Size(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " MB";
}
