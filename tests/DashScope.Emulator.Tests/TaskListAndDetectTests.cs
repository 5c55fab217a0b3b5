using System.Globalization;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>The task list answers DashScope's shape (filters, paging, epoch times, the 24 h window rule), and so does face detection.</summary>
public sealed class TaskListAndDetectTests : IClassFixture<TaskListAndDetectTests.NoLimitsFixture>, IDisposable
{
    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public TaskListAndDetectTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ListShowsItemsWithEpochMillisecondsAndPages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await Api.SubmitSampleAsync(_client, _emulator));
            _fixture.Advance(TimeSpan.FromSeconds(1));
        }

        _fixture.Advance(TimeSpan.FromSeconds(10));
        var first = await Api.ListAsync(_client);
        Assert.Equal(200, first.Status);
        Assert.Equal(12, first.Json.GetProperty("total").GetInt32());
        Assert.Equal(2, first.Json.GetProperty("total_page").GetInt32());
        Assert.Equal(1, first.Json.GetProperty("page_no").GetInt32());
        Assert.Equal(10, first.Json.GetProperty("page_size").GetInt32());
        var data = first.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(10, data.Count);

        // Newest first; the oldest task has run, so it has a start time in epoch milliseconds.
        Assert.Equal(ids[^1], data[0].GetProperty("task_id").GetString());
        var second = await Api.ListAsync(_client, "?page_no=2&page_size=10");
        var rest = second.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, rest.Count);
        var oldest = rest[^1];
        Assert.Equal(ids[0], oldest.GetProperty("task_id").GetString());
        var task = _emulator.FindTask(ids[0])!;
        Assert.Equal(task.SubmitTime.ToUnixTimeMilliseconds(), oldest.GetProperty("gmt_create").GetInt64());
        Assert.Equal(task.ScheduledTime!.Value.ToUnixTimeMilliseconds(), oldest.GetProperty("start_time").GetInt64());
        Assert.Equal("apikey:v1:aigc:image2video:video-synthesis:liveportrait", oldest.GetProperty("user_api_unique_key").GetString());
        Assert.Equal("liveportrait", oldest.GetProperty("model_name").GetString());
        Assert.Equal("cn-beijing", oldest.GetProperty("region").GetString());
        Assert.Equal("SUCCEEDED", oldest.GetProperty("status").GetString());
        Assert.Equal(task.EndTime!.Value.ToUnixTimeMilliseconds(), oldest.GetProperty("end_time").GetInt64());

        // The newest is still queued: no start_time, and end_time is absent until the task ends.
        Assert.Equal("PENDING", data[0].GetProperty("status").GetString());
        Assert.False(data[0].TryGetProperty("start_time", out _));
        Assert.False(data[0].TryGetProperty("end_time", out _));
    }

    [Fact]
    public async Task ListFiltersByStatusTaskIdAndModel()
    {
        var a = await Api.SubmitSampleAsync(_client, _emulator);
        var b = await Api.SubmitSampleAsync(_client, _emulator);
        await Api.CancelAsync(_client, b);

        var cancelled = await Api.ListAsync(_client, "?status=CANCELED");
        Assert.Equal([b], cancelled.Json.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("task_id").GetString()));

        var byId = await Api.ListAsync(_client, "?task_id=" + a);
        Assert.Equal([a], byId.Json.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("task_id").GetString()));

        var otherModel = await Api.ListAsync(_client, "?model_name=emo-v1");
        Assert.Equal(0, otherModel.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ListTimeWindowUsesTheProvidersFormatAndAtMost24Hours()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        var submitted = _emulator.FindTask(id)!.SubmitTime.ToOffset(TimeSpan.FromHours(8));
        string Format(DateTimeOffset t) => t.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

        var inside = await Api.ListAsync(_client, $"?start_time={Format(submitted.AddMinutes(-1))}&end_time={Format(submitted.AddMinutes(1))}");
        Assert.Equal(1, inside.Json.GetProperty("total").GetInt32());

        var before = await Api.ListAsync(_client, $"?start_time={Format(submitted.AddHours(-3))}&end_time={Format(submitted.AddHours(-2))}");
        Assert.Equal(0, before.Json.GetProperty("total").GetInt32());

        var tooLong = await Api.ListAsync(_client, $"?start_time={Format(submitted.AddHours(-25))}&end_time={Format(submitted)}");
        Assert.Equal(400, tooLong.Status);
        Assert.Equal("InvalidParameter", tooLong.Code);

        var badFormat = await Api.ListAsync(_client, "?start_time=2025-12-26");
        Assert.Equal(400, badFormat.Status);
        Assert.Equal("InvalidParamter.OutOfDefinition", badFormat.Code);
        Assert.Contains("start_time", badFormat.Message);

        // Without a window the list covers the last 24 h only.
        _fixture.Advance(TimeSpan.FromHours(23));
        Assert.Equal(1, (await Api.ListAsync(_client)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?page_size=101", "InvalidParamter.OutOfDefinition")]
    [InlineData("?page_no=0", "InvalidParamter.OutOfDefinition")]
    [InlineData("?page_no=first", "InvalidParameter")]
    [InlineData("?status=DONE", "InvalidParamter.OutOfDefinition")]
    public async Task ListRejectsBadQueryParameters(string query, string code)
    {
        var result = await Api.ListAsync(_client, query);
        Assert.Equal(400, result.Status);
        Assert.Equal(code, result.Code);
    }

    [Fact]
    public async Task ListAnswersWithoutTheTrailingSlashToo()
    {
        await Api.SubmitSampleAsync(_client, _emulator);
        var result = await Api.SendAsync(_client, HttpMethod.Get, "tasks");
        Assert.Equal(200, result.Status);
        Assert.Equal(1, result.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task FaceDetectPassesAPortrait()
    {
        var result = await Api.DetectAsync(_client, _emulator.SampleUrl(SampleMediaFile.Portrait));
        Assert.Equal(200, result.Status);
        Assert.True(result.Output.GetProperty("pass").GetBoolean());
        Assert.Equal("", result.Output.GetProperty("message").GetString());
        Assert.Equal(1, result.Json.GetProperty("usage").GetProperty("image_count").GetInt32());
        Assert.True(Guid.TryParse(result.RequestId, out _));
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
