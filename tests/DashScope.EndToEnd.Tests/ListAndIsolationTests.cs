using System.Net;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>The task list with its filters and paging, and the wall between accounts, through the generated client.</summary>
public sealed class ListAndIsolationTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    [Fact]
    public async Task List_filters_by_status_task_model_and_time_and_pages_newest_first()
    {
        using var h = new Harness(fixture);
        var client = h.Client();

        // A at t0, B at t0+10 s, C at t0+20 s. With 5 s in the queue and 8.3 s of running, at t0+20 s
        // A has SUCCEEDED, B is RUNNING (it started when A ended, at t0+13.3 s) and C is PENDING.
        var a = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        h.Advance(TimeSpan.FromSeconds(10));
        var b = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        h.Advance(TimeSpan.FromSeconds(10));
        var c = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        var statuses = new Dictionary<string, string>();
        foreach (var id in new[] { a, b, c })
        {
            statuses[id] = (await client.GetTaskAsync(id)).Output.TaskStatus.Value;
        }

        Assert.Equal(["SUCCEEDED", "RUNNING", "PENDING"], new[] { statuses[a], statuses[b], statuses[c] });

        var all = await client.ListTasksAsync();
        Assert.Equal(3, all.Total);
        Assert.Equal(1, all.TotalPage);
        Assert.Equal(1, all.PageNo);
        Assert.Equal(10, all.PageSize);
        Assert.Equal([c, b, a], all.Data.Select(t => t.TaskId));
        Assert.All(all.Data, item =>
        {
            Assert.Equal(statuses[item.TaskId], item.Status.Value);
            Assert.Equal("liveportrait", item.ModelName);
            Assert.Equal("apikey:v1:aigc:image2video:video-synthesis:liveportrait", item.UserApiUniqueKey);
        });

        // Times in epoch milliseconds: gmt_create is the submit, start and end only once they happened.
        var itemA = all.Data.Single(t => t.TaskId == a);
        var taskA = h.Emulator.FindTask(a)!;
        Assert.Equal(taskA.SubmitTime.ToUnixTimeMilliseconds(), itemA.GmtCreate.ToUnixTimeMilliseconds());
        Assert.Equal(taskA.ScheduledTime!.Value.ToUnixTimeMilliseconds(), itemA.StartTime!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(taskA.EndTime!.Value.ToUnixTimeMilliseconds(), itemA.EndTime!.Value.ToUnixTimeMilliseconds());
        Assert.NotNull(all.Data.Single(t => t.TaskId == b).StartTime);
        Assert.Null(all.Data.Single(t => t.TaskId == b).EndTime);
        Assert.Null(all.Data.Single(t => t.TaskId == c).StartTime);

        // Paging.
        var page1 = await client.ListTasksAsync(new TaskListQuery { PageSize = 2 });
        var page2 = await client.ListTasksAsync(new TaskListQuery { PageSize = 2, PageNo = 2 });
        var page3 = await client.ListTasksAsync(new TaskListQuery { PageSize = 2, PageNo = 3 });
        Assert.Equal((3, 2, 2), (page1.Total, page1.TotalPage, page1.PageSize));
        Assert.Equal([c, b], page1.Data.Select(t => t.TaskId));
        Assert.Equal([a], page2.Data.Select(t => t.TaskId));
        Assert.Equal(2, page2.PageNo);
        Assert.Empty(page3.Data);
        Assert.Equal(3, page3.Total);

        // Filters.
        foreach (var (id, status) in statuses)
        {
            var byStatus = await client.ListTasksAsync(new TaskListQuery { Status = new LivePortrait.LivePortraitTaskStatus(status) });
            Assert.Equal([id], byStatus.Data.Select(t => t.TaskId));
        }

        Assert.Empty((await client.ListTasksAsync(new TaskListQuery { Status = LivePortrait.LivePortraitTaskStatus.Failed })).Data);
        Assert.Equal([b], (await client.ListTasksAsync(new TaskListQuery { TaskId = b })).Data.Select(t => t.TaskId));
        Assert.Equal(3, (await client.ListTasksAsync(new TaskListQuery { ModelName = "liveportrait" })).Total);
        Assert.Equal(0, (await client.ListTasksAsync(new TaskListQuery { ModelName = "liveportrait-detect" })).Total);

        // A time window (yyyyMMddHHmmss in the service's zone, as the task times are) around B only.
        var bSubmitted = (await client.GetTaskAsync(b)).Output.SubmitTime!.Value;
        var window = await client.ListTasksAsync(new TaskListQuery { StartTime = bSubmitted.AddSeconds(-2), EndTime = bSubmitted.AddSeconds(2) });
        Assert.Equal([b], window.Data.Select(t => t.TaskId));
        var before = await client.ListTasksAsync(new TaskListQuery { StartTime = bSubmitted.AddHours(-3), EndTime = bSubmitted.AddHours(-2) });
        Assert.Equal(0, before.Total);
    }

    [Fact]
    public async Task A_list_window_longer_than_24_hours_is_refused()
    {
        using var h = new Harness(fixture);
        var now = new DateTime(2025, 12, 26, 12, 0, 0, DateTimeKind.Unspecified);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() =>
            h.Client().ListTasksAsync(new TaskListQuery { StartTime = now.AddHours(-25), EndTime = now }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(LivePortraitErrorCodes.InvalidParameter, error.Code);
    }

    [Fact]
    public async Task Another_accounts_task_reads_unknown_cannot_be_cancelled_and_is_not_listed()
    {
        using var owner = new Harness(fixture);
        using var stranger = new Harness(fixture);
        var sameAccountKey = "sk-second-" + owner.AccountId;
        owner.Emulator.AddAccount(owner.AccountId, sameAccountKey);
        var ownerClient = owner.Client();
        var strangerClient = stranger.Client();
        var id = (await ownerClient.SubmitAsync(Harness.Request(owner.Portrait, owner.SpeechWav))).Output.TaskId;

        var seenByStranger = await strangerClient.GetTaskAsync(id);
        Assert.Equal("UNKNOWN", seenByStranger.Output.TaskStatus.Value);
        Assert.Equal(id, seenByStranger.Output.TaskId);
        Assert.Null(seenByStranger.Output.SubmitTime);
        var waited = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => stranger.Drive(strangerClient.WaitForCompletionAsync(id)));
        Assert.Equal("UNKNOWN", waited.Status);
        var cancel = await Assert.ThrowsAsync<DashScopeApiException>(() => strangerClient.CancelTaskAsync(id));
        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, cancel.Code);
        Assert.Equal(0, (await strangerClient.ListTasksAsync()).Total);
        Assert.Empty((await strangerClient.ListTasksAsync(new TaskListQuery { TaskId = id })).Data);

        // Every key of the owner's account sees it; the stranger's cancel changed nothing.
        var secondKey = owner.Client(apiKey: sameAccountKey);
        Assert.Equal("PENDING", (await secondKey.GetTaskAsync(id)).Output.TaskStatus.Value);
        Assert.Equal([id], (await secondKey.ListTasksAsync()).Data.Select(t => t.TaskId));
        await secondKey.CancelTaskAsync(id);
        Assert.Equal("CANCELED", (await ownerClient.GetTaskAsync(id)).Output.TaskStatus.Value);
    }

    [Fact]
    public async Task One_accounts_queue_does_not_hold_back_another_account()
    {
        using var busy = new Harness(fixture);
        using var other = new Harness(fixture);
        var busyClient = busy.Client();
        var first = (await busyClient.SubmitAsync(Harness.Request(busy.Portrait, busy.SpeechWav))).Output.TaskId;
        var queued = (await busyClient.SubmitAsync(Harness.Request(busy.Portrait, busy.SpeechWav))).Output.TaskId;
        var otherClient = other.Client();
        var theirs = (await otherClient.SubmitAsync(Harness.Request(other.Portrait, other.SpeechWav))).Output.TaskId;

        busy.Advance(EndToEndFixture.QueueDelay + TimeSpan.FromSeconds(1));

        Assert.Equal("RUNNING", (await busyClient.GetTaskAsync(first)).Output.TaskStatus.Value);
        Assert.Equal("PENDING", (await busyClient.GetTaskAsync(queued)).Output.TaskStatus.Value);
        Assert.Equal("RUNNING", (await otherClient.GetTaskAsync(theirs)).Output.TaskStatus.Value);
        await busyClient.CancelTaskAsync(queued);
    }

    [Fact]
    public async Task An_unregistered_key_is_refused_with_401_and_the_services_message()
    {
        using var h = new Harness(fixture);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => h.Client(apiKey: "sk-nobody-knows").GetTaskAsync(Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(LivePortraitErrorCodes.InvalidApiKey, error.Code);
        Assert.Equal("Invalid API-key provided.", error.ErrorMessage);
        Assert.DoesNotContain("sk-nobody-knows", error.ToString(), StringComparison.Ordinal);
    }
}
