using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Media;

/// <summary>The outcome of checking a request's media against the schema's <c>x-dashscope-media</c> limits.</summary>
internal sealed record MediaVerdict(DashScopeError? Failure, double? AudioDurationSeconds, bool NoFace);

/// <summary>
/// Fetches every media URL of a request and applies the limits the schema gives for it, in the order
/// the service would meet the problems: download, format, size, duration, then the face.
/// </summary>
internal sealed class MediaChecker
{
    private readonly LivePortraitSchema _schema;
    private readonly MediaLibrary _library;

    public MediaChecker(LivePortraitSchema schema, MediaLibrary library)
    {
        _schema = schema;
        _library = library;
    }

    public async Task<MediaVerdict> CheckAsync(OperationDefinition operation, JObject body, CancellationToken cancellationToken)
    {
        var fetches = operation.MediaRules
            .Select(rule => (Rule: rule, Url: (string?)body.SelectToken(rule.PropertyPath)))
            .Where(x => x.Url is not null)
            .Select(x => (x.Rule, Url: x.Url!, Fetch: _library.FetchAsync(x.Url!, x.Rule.ExclusiveMaxBytes, cancellationToken)))
            .ToList();
        await Task.WhenAll(fetches.Select(f => f.Fetch)).ConfigureAwait(false);
        var results = fetches.Select(f => (f.Rule, f.Url, Result: f.Fetch.Result)).ToList();

        foreach (var (rule, _, result) in results)
        {
            if (result.Failure == FetchFailure.DownloadFailed || (result.Failure == FetchFailure.TooLarge && rule.Kind == MediaKind.Audio))
            {
                // No code exists for an audio file over its byte limit; the service refuses to fetch it.
                return Fail(TaskFailure.InputDownloadFailed);
            }

            if (result.Failure == FetchFailure.TooLarge)
            {
                return Fail(TaskFailure.ImageSize);
            }
        }

        foreach (var (rule, _, result) in results)
        {
            if (!IsAcceptedFormat(rule, result.Info!))
            {
                return Fail(TaskFailure.UnsupportedFileFormat);
            }
        }

        foreach (var (rule, _, result) in results)
        {
            var info = result.Info!;
            if (rule.Kind == MediaKind.Image && info.Width is int width && info.Height is int height)
            {
                var longest = Math.Max(width, height);
                var shortest = Math.Max(1, Math.Min(width, height));
                if ((rule.MaxLongestSidePixels is { } maxSide && longest > maxSide)
                    || (rule.MaxAspectRatio is { } maxRatio && (double)longest / shortest > maxRatio))
                {
                    return Fail(TaskFailure.ImageSize);
                }
            }
        }

        double? audioSeconds = null;
        foreach (var (rule, _, result) in results.Where(r => r.Rule.Kind == MediaKind.Audio))
        {
            var seconds = result.Info!.DurationSeconds!.Value;
            if ((rule.MinDurationSeconds is { } min && seconds < min) || (rule.MaxDurationSeconds is { } max && seconds > max))
            {
                return Fail(TaskFailure.AudioLength);
            }

            // The first audio track times the task (the description lists the rules in the request's order).
            audioSeconds ??= seconds;
        }

        var noFace = results.Any(r => r.Rule.Kind == MediaKind.Image && _library.HasNoFace(r.Url, r.Result));
        return new MediaVerdict(null, audioSeconds, noFace);

        MediaVerdict Fail(TaskFailure failure) => new(_schema.TaskError(failure), null, false);
    }

    private static bool IsAcceptedFormat(MediaRuleDescription rule, MediaInfo info)
    {
        if (info.Format is null)
        {
            return false;
        }

        var accepted = rule.Formats.Contains(info.Format) || (info.Format == "jpeg" && rule.Formats.Contains("jpg"));
        return accepted && (rule.Kind == MediaKind.Image
            ? info.Width is not null && info.Height is not null
            : info.DurationSeconds is not null);
    }
}
