using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace LivePortrait.Samples;

/// <summary>What the service reports back to its caller.</summary>
/// <param name="TaskId">The DashScope task, for support.</param>
/// <param name="VideoUrl">The MP4 on success.</param>
/// <param name="FailureCode">The task's error code on failure.</param>
public sealed record AvatarVideo(string TaskId, string? VideoUrl, string? FailureCode)
{
    /// <summary>True when a video was made.</summary>
    public bool Succeeded => VideoUrl is not null;
}

/// <summary>
/// An example of "your own code": turns a portrait and a speech track into a talking-head video, and
/// maps a failed task to a result instead of an exception. The tests show how to test it with the emulator.
/// </summary>
public sealed class AvatarVideoService(ILivePortraitClient client)
{
    /// <summary>Makes the video, waiting until the task ends.</summary>
    public async Task<AvatarVideo> MakeAsync(Uri portrait, Uri speech, CancellationToken cancellationToken = default)
    {
        var request = new VideoSynthesisRequest
        {
            Input = new VideoSynthesisInput { ImageUrl = portrait.ToString(), AudioUrl = speech.ToString() },
            Parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm },
        };
        var submission = await client.SubmitAsync(request, cancellationToken);
        try
        {
            var done = await client.WaitForCompletionAsync(submission.Output.TaskId, cancellationToken: cancellationToken);
            return new AvatarVideo(done.Output.TaskId, done.Output.Results?.VideoUrl, null);
        }
        catch (DashScopeTaskFailedException failed)
        {
            return new AvatarVideo(failed.TaskId, null, failed.Code ?? failed.Status);
        }
    }

    /// <summary>Starts a video without waiting; returns the task id.</summary>
    public async Task<string> StartAsync(Uri portrait, Uri speech, CancellationToken cancellationToken = default) =>
        (await client.SubmitAsync(new VideoSynthesisRequest
        {
            Input = new VideoSynthesisInput { ImageUrl = portrait.ToString(), AudioUrl = speech.ToString() },
        }, cancellationToken)).Output.TaskId;

    /// <summary>Withdraws a video that has not started yet.</summary>
    public Task CancelAsync(string taskId, CancellationToken cancellationToken = default) => client.CancelTaskAsync(taskId, cancellationToken);
}
