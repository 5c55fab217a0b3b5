using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Uploads;
using DashScope.Toolkit.Description;
using DashScope.Emulator.Validation;

namespace DashScope.Emulator.Media;

/// <summary>The outcome of checking a request's media against the schema's <c>x-dashscope-media</c> limits.</summary>
/// <param name="Failure">The first problem, as the task error the service reports; null when every file passed.</param>
/// <param name="Seconds">The measured seconds of each rule's audio, by rule index (null for images and absent fields).</param>
/// <param name="NoFaceByRule">Whether each rule's image showed no face, by rule index; null when every image showed one.</param>
/// <param name="Refusal">An error the request is answered with at once, before any task: a stored-file URL without the resolve header.</param>
internal sealed record MediaVerdict(DashScopeError? Failure, double?[] Seconds, bool[]? NoFaceByRule, DashScopeError? Refusal = null)
{
    /// <summary>The first audio rule's seconds: what times a task.</summary>
    public double? AudioDurationSeconds => Array.Find(Seconds, s => s is not null);

    /// <summary>True when some image showed no face.</summary>
    public bool NoFace => NoFaceByRule is not null;
}

/// <summary>
/// Fetches every media URL of a request and applies the limits the schema gives for it, in the order
/// the service would meet the problems: download, format, size, duration, then the face.
/// </summary>
internal sealed class MediaChecker
{
    private readonly LivePortraitSchema _schema;
    private readonly MediaLibrary _library;
    private readonly TemporaryStorage? _storage;

    public MediaChecker(LivePortraitSchema schema, MediaLibrary library, TemporaryStorage? storage = null)
    {
        _schema = schema;
        _library = library;
        _storage = storage;
    }

    /// <summary>Checks a request's media with no stored files to resolve (benchmarks, and requests without an account).</summary>
    public Task<MediaVerdict> CheckAsync(OperationDefinition operation, ValidatedBody body, CancellationToken cancellationToken) =>
        CheckAsync(operation, body, null, cancellationToken);

    /// <summary>Checks a request's media; stored-file URLs are resolved for the request's account and model.</summary>
    public async Task<MediaVerdict> CheckAsync(OperationDefinition operation, ValidatedBody body, RequestContext? context, CancellationToken cancellationToken)
    {
        var fetches = operation.MediaRules
            .Select((rule, index) => (Rule: rule, Index: index, Url: body.MediaUrl(index)))
            .Where(x => x.Url is not null)
            .Select(x => (x.Rule, x.Index, Url: x.Url!, Fetch: Fetch(x.Url!, x.Rule, operation, body, context, cancellationToken)))
            .ToList();
        await Task.WhenAll(fetches.Select(f => f.Fetch)).ConfigureAwait(false);
        var results = fetches.Select(f => (f.Rule, f.Index, f.Url, Result: f.Fetch.Result)).ToList();
        var seconds = new double?[operation.MediaRules.Count];
        bool[]? noFace = null;

        foreach (var (_, _, _, result) in results)
        {
            if (result.Failure == FetchFailure.NotResolved)
            {
                return new MediaVerdict(null, seconds, null, _storage!.ResolveRefusal);
            }
        }

        foreach (var (rule, _, _, result) in results)
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

        foreach (var (rule, _, _, result) in results)
        {
            if (!IsAcceptedFormat(rule, result.Info!))
            {
                return Fail(TaskFailure.UnsupportedFileFormat);
            }
        }

        foreach (var (rule, _, _, result) in results)
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

        foreach (var (rule, index, _, result) in results.Where(r => r.Rule.Kind == MediaKind.Audio))
        {
            var duration = result.Info!.DurationSeconds!.Value;
            if ((rule.MinDurationSeconds is { } min && duration < min) || (rule.MaxDurationSeconds is { } max && duration > max))
            {
                return Fail(TaskFailure.AudioLength);
            }

            seconds[index] = duration;
        }

        foreach (var (_, index, url, result) in results.Where(r => r.Rule.Kind == MediaKind.Image))
        {
            if (_library.HasNoFace(url, result))
            {
                // Made only for a faceless image, which is rare: a passing check allocates nothing for faces.
                (noFace ??= new bool[operation.MediaRules.Count])[index] = true;
            }
        }

        return new MediaVerdict(null, seconds, noFace);

        MediaVerdict Fail(TaskFailure failure) => new(_schema.TaskError(failure), seconds, noFace);
    }

    /// <summary>A stored file from the temporary storage when the URL names one, else a download.</summary>
    private Task<FetchResult> Fetch(string url, MediaRuleDescription rule, OperationDefinition operation, ValidatedBody body, RequestContext? context, CancellationToken cancellationToken)
    {
        if (_storage is null || !_storage.Uploads.IsStoredFileUrl(url))
        {
            return _library.FetchAsync(url, rule.ExclusiveMaxBytes, cancellationToken);
        }

        if (context?.AccountId is not { } account || !_storage.ResolveEnabled(context.HeaderLookup))
        {
            return Task.FromResult(FetchResult.Failed(FetchFailure.NotResolved));
        }

        // A file is bound to the model named when it was uploaded: the model this request names.
        var model = body.Model ?? operation.Model ?? string.Empty;
        return Task.FromResult(_storage.Fetch(url, account, model, rule.ExclusiveMaxBytes));
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
