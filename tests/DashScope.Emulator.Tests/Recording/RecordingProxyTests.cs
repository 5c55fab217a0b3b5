using System.Text.Json.Nodes;
using DashScope.Emulator.Recording;

namespace DashScope.Emulator.Tests.Recording;

public sealed class RecordingProxyTests
{
    [Fact]
    public async Task The_client_gets_the_upstream_answers_through_the_proxy()
    {
        await using var rig = new RecordingRig();
        await rig.RunSessionAsync();

        Assert.True(rig.Proxy.IsRecording);
        Assert.Equal(200, rig.Log.Detect.Status);
        Assert.Equal("SUCCEEDED", rig.Log.LastPoll.TaskStatus);
        Assert.Equal(("InvalidParamter.OutOfDefinition", 400), (rig.Log.BadFps.Code, rig.Log.BadFps.Status));
        Assert.Equal(403, rig.Log.NoHeader.Status);
        Assert.Equal(200, rig.Log.Upload!.Status);
        // The upstream really created the task and stored the file: nothing was answered by the proxy itself.
        Assert.Contains(rig.Upstream.Journal, e => e.TaskId == rig.Log.Submit.TaskId);
        Assert.Single(rig.Upstream.GetUploads());
        Assert.Empty(rig.Proxy.Journal);
    }

    [Fact]
    public async Task Polls_of_a_recorded_task_become_one_timeline_entry_per_status()
    {
        await using var rig = new RecordingRig();
        await rig.RunSessionAsync(upload: false);
        var cassette = rig.Cassette;

        var task = Assert.Single(cassette.Tasks);
        Assert.Equal(rig.Log.Submit.TaskId, task.TaskId);
        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], task.Timeline.Select(e => e.Status));
        Assert.Equal(rig.Log.Polls, task.Timeline.Sum(e => e.Polls));
        // Polled once a second on the upstream's clock: each status from its first to its last poll, back to back.
        Assert.Equal(0, task.Timeline[0].FirstSeen);
        Assert.Equal(task.Timeline[0].LastSeen + 1, task.Timeline[1].FirstSeen);
        Assert.Equal(task.Timeline[1].LastSeen + 1, task.Timeline[2].FirstSeen);
        Assert.Equal("RUNNING", task.Timeline[1].Response.Body!["output"]!["task_status"]!.GetValue<string>());

        // The polls are not exchanges; everything else is, in order, and the submit names its task.
        Assert.DoesNotContain(cassette.Exchanges, e => e.Request.Path.EndsWith(task.TaskId, StringComparison.Ordinal));
        Assert.Equal(["POST", "POST", "POST", "POST", "GET", "GET"], cassette.Exchanges.Select(e => e.Request.Method));
        Assert.Equal(Enumerable.Range(1, 6), cassette.Exchanges.Select(e => e.Id));
        Assert.Same(task, cassette.TaskSubmittedBy(task.SubmittedBy));
        Assert.Equal(200, cassette.Exchange(task.SubmittedBy)!.Response.Status);
        Assert.Equal(rig.Log.Polls + 6, rig.Proxy.RecordedRequests);
    }

    [Fact]
    public async Task The_cassette_keeps_no_key_no_signature_and_no_file_bytes()
    {
        await using var rig = new RecordingRig(cassetteName: nameof(The_cassette_keeps_no_key_no_signature_and_no_file_bytes));
        await rig.RunSessionAsync();
        var cassette = rig.Cassette;

        // The API calls sent a key: only its scheme is kept. The storage form post sends none.
        Assert.All(cassette.Exchanges, e => Assert.Equal(e.Request.Path == CassetteRequest.StoragePath ? null : "Bearer", e.Request.Authorization));
        Assert.All(cassette.Exchanges, e => Assert.False(e.Request.Headers.ContainsKey("Authorization")));
        var result = rig.Cassette.Tasks[0].Timeline[^1].Response.Body!["output"]!["results"]!["video_url"]!.GetValue<string>();
        Assert.Contains("Signature=scrubbed", result, StringComparison.Ordinal);
        Assert.Contains("Expires=scrubbed", result, StringComparison.Ordinal);
        Assert.Contains("Signature=", rig.Log.LastPoll.Output.GetProperty("results").GetProperty("video_url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=scrubbed", rig.Log.LastPoll.Output.GetProperty("results").GetProperty("video_url").GetString(), StringComparison.Ordinal);

        var policy = cassette.Exchanges.Single(e => e.Request.Path.EndsWith("/uploads", StringComparison.Ordinal)).Response.Body!["data"]!;
        Assert.Equal("scrubbed", policy["signature"]!.GetValue<string>());
        Assert.Equal("scrubbed", policy["policy"]!.GetValue<string>());
        Assert.Equal("scrubbed", policy["oss_access_key_id"]!.GetValue<string>());
        // The cassette keeps the upstream's own upload host; the client was given the proxy's.
        Assert.StartsWith(rig.Upstream.Url.ToString(), policy["upload_host"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(rig.Proxy.Url.ToString(), rig.Log.UploadHost, StringComparison.Ordinal);

        var form = cassette.Exchanges.Single(e => e.Request.Path == CassetteRequest.StoragePath);
        Assert.Equal(200, form.Response.Status);
        var fields = form.Request.Form!.ToDictionary(f => f.Name);
        Assert.Equal("scrubbed", fields["Signature"].Value);
        Assert.Equal("scrubbed", fields["policy"].Value);
        Assert.Equal("scrubbed", fields["OSSAccessKeyId"].Value);
        Assert.EndsWith("/face.png", fields["key"].Value, StringComparison.Ordinal);
        Assert.Equal("face.png", fields["file"].FileName);
        Assert.Equal(RecordingRig.UploadedBytes.Length, fields["file"].Length);
        Assert.Null(fields["file"].Value);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(RecordingRig.UploadedBytes)), fields["file"].Sha256);
        Assert.Equal("file", form.Request.Form![^1].Name);

        await rig.DisposeAsync();
        var text = await File.ReadAllTextAsync(rig.CassettePath!);
        Assert.Empty(CassetteSecrets.Find(text, RecordingRig.UpstreamKey));
        Assert.Equal(CassetteFile.Serialize(cassette), await File.ReadAllBytesAsync(rig.CassettePath!));
    }

    [Fact]
    public async Task A_saved_cassette_reads_back_the_same()
    {
        await using var rig = new RecordingRig();
        await rig.RunSessionAsync();
        var path = Path.Combine(RecordingRig.CassetteDirectory, nameof(A_saved_cassette_reads_back_the_same) + ".json");

        rig.Proxy.SaveCassette(path);
        var read = CassetteFile.Load(path);

        Assert.Equal(CassetteFile.Serialize(rig.Cassette), CassetteFile.Serialize(read));
        Assert.Equal(Cassette.FormatName, read.Format);
        Assert.Equal(Cassette.CurrentVersion, read.Version);
        Assert.Equal(rig.Upstream.Url.ToString(), read.Upstream);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task The_upstream_is_asked_for_uncompressed_answers_so_the_cassette_keeps_JSON()
    {
        var seen = new List<string>();
        await using var rig = new RecordingRig(changes: new AnswerChanges
        {
            Body = (request, body) =>
            {
                seen.Add(string.Join(",", request.Headers.AcceptEncoding));
                return body;
            },
        });
        rig.Client.DefaultRequestHeaders.Add("Accept-Encoding", "gzip, deflate");

        var submit = await Support.Api.SubmitAsync(rig.Client, Support.Api.SampleSynthesisBody(rig.Upstream));

        Assert.Equal(200, submit.Status);
        Assert.Equal([""], seen);
        Assert.Equal(submit.TaskId, rig.Cassette.Exchanges[0].Response.Body!["output"]!["task_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_upstream_is_a_DashScope_error_naming_it_and_is_not_recorded()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var proxy = LivePortraitEmulator.Start(o => o.Recording = new RecordingOptions(new Uri($"http://127.0.0.1:{port}/")));
        using var client = Support.Api.Client(proxy);
        var answer = await Support.Api.QueryAsync(client, "some-task");

        Assert.Equal(502, answer.Status);
        Assert.Equal("UpstreamUnavailable", answer.Code);
        Assert.Contains($"127.0.0.1:{port}", answer.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.RecordedCassette!.Exchanges);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void An_upstream_must_be_https_or_loopback_http(string upstream)
    {
        var error = Assert.Throws<ArgumentException>(() => new RecordingOptions(new Uri(upstream, UriKind.RelativeOrAbsolute)));
        Assert.Contains(upstream, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_and_replaying_at_once_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LivePortraitEmulator.Start(o =>
        {
            o.Recording = new RecordingOptions(new Uri("https://dashscope.aliyuncs.com/"));
            o.Replay = new Cassette();
        }));
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }
}
