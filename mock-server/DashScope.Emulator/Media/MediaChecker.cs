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
    public Task<MediaVerdict> CheckAsync(OperationDefinition operation, ValidatedBody body, RequestContext? context, CancellationToken cancellationToken)
    {
        // One fetch per rule whose URL the body gives, by rule index (null where it gives none).
        var rules = operation.MediaRules;
        var fetches = new Task<FetchResult>?[rules.Count];
        var allDone = true;
        for (var i = 0; i < fetches.Length; i++)
        {
            if (body.MediaUrl(i) is { } url)
            {
                var fetch = Fetch(url, rules[i], operation, body, context, cancellationToken);
                fetches[i] = fetch;
                allDone &= fetch.IsCompletedSuccessfully;
            }
        }

        // The emulator's own files and stored files are fetched at once: no state machine for them.
        return allDone ? Task.FromResult(Judge(operation, body, fetches)) : JudgeWhenFetchedAsync(operation, body, fetches);
    }

    private async Task<MediaVerdict> JudgeWhenFetchedAsync(OperationDefinition operation, ValidatedBody body, Task<FetchResult>?[] fetches)
    {
        foreach (var fetch in fetches)
        {
            if (fetch is not null)
            {
                await fetch.ConfigureAwait(false);
            }
        }

        return Judge(operation, body, fetches);
    }

    /// <summary>Applies the limits to the fetched files, rule by rule in the schema's order, one kind of problem after another.</summary>
    private MediaVerdict Judge(OperationDefinition operation, ValidatedBody body, Task<FetchResult>?[] fetches)
    {
        var rules = operation.MediaRules;
        var seconds = new double?[rules.Count];
        bool[]? noFace = null;

        for (var i = 0; i < fetches.Length; i++)
        {
            if (fetches[i] is { } fetch && fetch.Result.Failure == FetchFailure.NotResolved)
            {
                return new MediaVerdict(null, seconds, null, _storage!.ResolveRefusal);
            }
        }

        for (var i = 0; i < fetches.Length; i++)
        {
            if (fetches[i] is not { } fetch)
            {
                continue;
            }

            var failure = fetch.Result.Failure;
            if (failure == FetchFailure.DownloadFailed || (failure == FetchFailure.TooLarge && rules[i].Kind == MediaKind.Audio))
            {
                // No code exists for an audio file over its byte limit; the service refuses to fetch it.
                return Fail(TaskFailure.InputDownloadFailed);
            }

            if (failure == FetchFailure.TooLarge)
            {
                return Fail(TaskFailure.ImageSize);
            }
        }

        for (var i = 0; i < fetches.Length; i++)
        {
            if (fetches[i] is { } fetch && !IsAcceptedFormat(rules[i], fetch.Result.Info!))
            {
                return Fail(TaskFailure.UnsupportedFileFormat);
            }
        }

        for (var i = 0; i < fetches.Length; i++)
        {
            var rule = rules[i];
            if (fetches[i] is { } fetch && rule.Kind == MediaKind.Image && fetch.Result.Info is { Width: int width, Height: int height })
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

        for (var i = 0; i < fetches.Length; i++)
        {
            var rule = rules[i];
            if (fetches[i] is not { } fetch || rule.Kind != MediaKind.Audio)
            {
                continue;
            }

            var duration = fetch.Result.Info!.DurationSeconds!.Value;
            if ((rule.MinDurationSeconds is { } min && duration < min) || (rule.MaxDurationSeconds is { } max && duration > max))
            {
                return Fail(TaskFailure.AudioLength);
            }

            seconds[i] = duration;
        }

        for (var i = 0; i < fetches.Length; i++)
        {
            if (fetches[i] is { } fetch && rules[i].Kind == MediaKind.Image && _library.HasNoFace(body.MediaUrl(i)!, fetch.Result))
            {
                // Made only for a faceless image, which is rare: a passing check allocates nothing for faces.
                (noFace ??= new bool[rules.Count])[i] = true;
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
