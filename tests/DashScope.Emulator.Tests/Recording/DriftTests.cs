using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Recording;
using DashScope.Emulator.Recording.Drift;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Recording;

public sealed class DriftTests
{
    private const string ChangedMessage = "video_fps must be 15 to 30 frames per second.";

    [Fact]
    public async Task The_report_names_exactly_the_upstream_s_deliberate_changes()
    {
        await using var rig = DeliberatelyChangedUpstream();
        await rig.RunSessionAsync();
        await using var target = StartTarget();

        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));

        var fpsExchange = ExchangeWith(rig.Cassette, "video_fps");
        var headerExchange = rig.Cassette.Exchanges.Single(e => e.Request.Body is not null && !e.Request.Headers.ContainsKey("X-DashScope-Async") && e.Request.Path.Contains("video-synthesis", StringComparison.Ordinal)).Id;
        var detectExchange = rig.Cassette.Exchanges.Single(e => e.Request.Path.EndsWith("face-detect", StringComparison.Ordinal)).Id;
        var expected = new[]
        {
            ("POST DetectFace", "$.extra_note", DriftKind.MissingField, "string (text)", (string?)null, detectExchange),
            ("POST VideoSynthesis", "status", DriftKind.Status, "400", "403", headerExchange),
            ("POST VideoSynthesis", "$.code", DriftKind.ErrorCode, "InvalidParameter", "AccessDenied", headerExchange),
            ("POST VideoSynthesis", "$.message", DriftKind.ErrorMessage, ChangedMessage, OriginalFpsMessage(target), fpsExchange),
        };
        Assert.Equal(
            expected.Select(e => $"{e.Item1} | {e.Item2} | {e.Item3} | {e.Item4} | {e.Item5} | {e.Item6}").Order(),
            report.Differences.Select(d => $"{d.Subject} | {d.Field} | {d.Kind} | {d.Recorded} | {d.Actual} | {string.Join(",", d.Exchanges)}").Order());
        Assert.Equal(1, report.ComparedTasks);
        Assert.Equal(rig.Cassette.Exchanges.Count - 1, report.ComparedExchanges);
        Assert.Equal(CassetteRequest.StoragePath, rig.Cassette.Exchange(Assert.Single(report.Skipped).Exchange)!.Request.Path);
    }

    [Fact]
    public async Task Flipping_the_matching_fidelity_switch_answers_the_status_drift()
    {
        await using var rig = DeliberatelyChangedUpstream();
        await rig.RunSessionAsync(upload: false);
        await using var target = StartTarget(o => o.Fidelity = o.Fidelity with { MissingAsyncHeader = MissingAsyncHeaderAnswer.InvalidParameter400 });

        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));

        Assert.Equal([DriftKind.ErrorMessage, DriftKind.MissingField], report.Differences.Select(d => d.Kind).Order());
    }

    [Fact]
    public async Task A_cassette_suggests_the_switch_that_answers_its_drift()
    {
        await using var rig = DeliberatelyChangedUpstream();
        await rig.RunSessionAsync(upload: false);

        var suggestion = await FidelitySuggestion.FindAsync(rig.Cassette, () => new EmulatorOptions());

        var flip = Assert.Single(suggestion.Flips);
        Assert.Equal(new FidelityFlip(nameof(EmulatorFidelity.MissingAsyncHeader), nameof(MissingAsyncHeaderAnswer.InvalidParameter400), 4, 2), flip);
        Assert.Equal(MissingAsyncHeaderAnswer.InvalidParameter400, suggestion.Fidelity.MissingAsyncHeader);
        Assert.Equal([DriftKind.ErrorMessage, DriftKind.MissingField], suggestion.Remaining.Differences.Select(d => d.Kind).Order());
        Assert.Equal("InvalidParameter400", JsonNode.Parse(suggestion.ToSettingsJson())!["MissingAsyncHeader"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unchanged_upstream_shows_no_drift()
    {
        await using var rig = new RecordingRig();
        await rig.RunSessionAsync();
        await using var target = StartTarget();

        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));

        Assert.False(report.HasDrift, report.ToMarkdown());
        Assert.Contains("**no drift**", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slower_queue_is_reported_as_timing_of_the_statuses_it_moves()
    {
        await using var rig = new RecordingRig(upstream: o => o.QueueDelay = TimeSpan.FromSeconds(9));
        await rig.RunSessionAsync(upload: false);
        await using var target = StartTarget();

        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));

        Assert.All(report.Differences, d => Assert.Equal(DriftKind.Timing, d.Kind));
        var pending = report.Differences.Single(d => d.Field == "PENDING");
        Assert.Equal("+0 s to +8 s", pending.Recorded);
        // Probed only where the recording polled: at +0 s and +8 s; by +8 s the target's task runs.
        Assert.Equal("+0 s", pending.Actual);
        Assert.Contains(report.Differences, d => d.Field == "RUNNING");

        await using var slowTarget = StartTarget(o => o.QueueDelay = TimeSpan.FromSeconds(9));
        Assert.False((await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(slowTarget))).HasDrift);
    }

    [Fact]
    public async Task A_task_that_ended_otherwise_upstream_is_a_status_sequence_drift()
    {
        // The upstream's final poll answers read FAILED where the target's task succeeds.
        await using var rig = new RecordingRig(changes: new AnswerChanges
        {
            Body = (_, body) => body.Replace("\"task_status\":\"SUCCEEDED\"", "\"task_status\":\"FAILED\"", StringComparison.Ordinal),
        });
        await rig.RunSessionAsync(upload: false);
        await using var target = StartTarget();

        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));

        var sequence = Assert.Single(report.Differences, d => d.Kind == DriftKind.StatusSequence);
        Assert.Equal("PENDING → RUNNING → FAILED", sequence.Recorded);
        Assert.Equal("PENDING → RUNNING → SUCCEEDED", sequence.Actual);
        Assert.Equal([rig.Cassette.Tasks[0].SubmittedBy], sequence.Exchanges);
    }

    [Fact]
    public async Task The_report_is_written_as_Markdown_and_JSON()
    {
        await using var rig = DeliberatelyChangedUpstream();
        await rig.RunSessionAsync(upload: false);
        await using var target = StartTarget();
        var report = await DriftCheck.RunAsync(rig.Cassette, DriftTarget.ForEmulator(target));
        var basePath = Path.Combine(Path.GetTempPath(), "drift-" + Guid.NewGuid().ToString("N"));

        try
        {
            report.Write(basePath);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(basePath + ".json"))!;
            var markdown = await File.ReadAllTextAsync(basePath + ".md");

            Assert.True(json["hasDrift"]!.GetValue<bool>());
            Assert.Equal(report.Differences.Count, json["differences"]!.AsArray().Count);
            Assert.Contains(json["differences"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "ErrorMessage" && d["recorded"]!.GetValue<string>() == ChangedMessage);
            Assert.Contains($"**{report.Differences.Count} differences**", markdown, StringComparison.Ordinal);
            Assert.Contains($"| POST DetectFace | `$.extra_note` | MissingField | string (text) | (absent) |", markdown, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(basePath + ".json");
            File.Delete(basePath + ".md");
        }
    }

    // The upstream answers a missing async header with 400 (a fidelity switch), words the out-of-range message
    // its own way, and adds a field to the face check's answer.
    private static RecordingRig DeliberatelyChangedUpstream() => new(
        upstream: o => o.Fidelity = o.Fidelity with { MissingAsyncHeader = MissingAsyncHeaderAnswer.InvalidParameter400 },
        changes: new AnswerChanges
        {
            Body = (request, body) =>
            {
                var json = JsonNode.Parse(body)!.AsObject();
                if (json["message"] is JsonValue message && message.GetValue<string>().Contains("video_fps", StringComparison.Ordinal))
                {
                    json["message"] = ChangedMessage;
                }

                if (request.RequestUri!.AbsolutePath.EndsWith("face-detect", StringComparison.Ordinal))
                {
                    json["extra_note"] = "added upstream";
                }

                return json.ToJsonString();
            },
        });

    private static LivePortraitEmulator StartTarget(Action<EmulatorOptions>? configure = null) => LivePortraitEmulator.Start(o =>
    {
        o.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        configure?.Invoke(o);
    });

    private static int ExchangeWith(Cassette cassette, string parameter) =>
        cassette.Exchanges.Single(e => e.Request.Body?["parameters"]?[parameter] is not null).Id;

    private static string OriginalFpsMessage(LivePortraitEmulator target)
    {
        using var client = Support.Api.Client(target);
        var answer = Support.Api.SubmitAsync(client, Support.Api.SampleSynthesisBody(target, parameters: """{"video_fps":60}""")).GetAwaiter().GetResult();
        return answer.Message!;
    }
}
