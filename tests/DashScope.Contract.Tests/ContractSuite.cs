using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests;

/// <summary>
/// The contract: what schema/liveportrait.schema.json and the reference promise about DashScope's
/// LivePortrait API, written once and run against each target (<see cref="EmulatorContract"/>,
/// <see cref="LiveServiceContract"/>). Calls go out raw, as any client in any language would send them,
/// and every answer (success and error) passes through <see cref="SchemaValidatingHandler"/>; each
/// scenario ends by asserting that none broke its definition, so a drift between schema, emulator
/// and service fails naming the field.
/// </summary>
public abstract class ContractSuite<TTarget> : IClassFixture<TTarget>, IDisposable
    where TTarget : class, IContractTarget
{
    private readonly ContractClient _client;

    protected ContractSuite(TTarget target)
    {
        Target = target;
        Answers = new AnswerLog();
        _client = new ContractClient(target, ContractSchema.Repository, Answers, target.OpenSession());
        var description = _client.Description;

        // The LivePortrait operations this suite is about, found by kind in the schema rather than by path.
        Synthesis = description.OfKind(OperationKind.Async).Single();
        Detect = description.OfKind(OperationKind.Sync).Single();
    }

    protected TTarget Target { get; }

    protected AnswerLog Answers { get; }

    protected string ApiKey => _client.ApiKey;

    /// <summary>The asynchronous submit operation of the schema.</summary>
    protected OperationDescription Synthesis { get; }

    /// <summary>The synchronous face check of the schema.</summary>
    protected OperationDescription Detect { get; }

    private IReadOnlyList<string> Terminal => _client.TerminalStatuses;

    private string ListPath => _client.Description.OfKind(OperationKind.TaskList).Single().Path;

    /// <summary>The list's other accepted path (the schema's alternate without the trailing slash).</summary>
    private string ListAlternatePath => _client.Description.OfKind(OperationKind.TaskList).Single().AlternatePaths[0];

    private string CancelPath(string taskId) => _client.Description.OfKind(OperationKind.TaskCancel).Single().Path.Replace("{task_id}", taskId, StringComparison.Ordinal);

    private string QueryPath(string taskId) => _client.Description.OfKind(OperationKind.TaskQuery).Single().Path.Replace("{task_id}", taskId, StringComparison.Ordinal);

    /// <summary>The definition of the error envelope, from the schema.</summary>
    private string ErrorModel => _client.Description.Service.ErrorModel!;

    /// <summary>The answer definition of the task operation of <paramref name="kind"/>.</summary>
    private string ResponseOf(OperationKind kind) => _client.Description.OfKind(kind).Single().ResponseModel;

    // ---------------------------------------------------------------- tasks and their statuses

    [ContractFact]
    public async Task A_task_is_PENDING_then_RUNNING_then_SUCCEEDED_with_a_downloadable_mp4()
    {
        var submitted = await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl, """{"template_id":"normal","video_fps":24}"""));

        Assert.Equal(200, submitted.Status);
        Assert.Equal("PENDING", submitted.Output("task_status"));
        var taskId = submitted.Output("task_id")!;
        Assert.True(Guid.TryParse(taskId, out _), $"task_id {taskId} is not a UUID.");
        Assert.True(Guid.TryParse(submitted.RequestId, out _), $"request_id {submitted.RequestId} is not a UUID.");

        var polls = await PollUntilTerminalAsync(taskId);
        var statuses = Distinct(polls.Select(p => p.Output("task_status")!));
        Assert.Equal("SUCCEEDED", statuses[^1]);
        Assert.Contains("RUNNING", statuses);
        Assert.True(IsOrdered(statuses, ["PENDING", "RUNNING", "SUCCEEDED"]), $"Statuses out of order: {string.Join(" -> ", statuses)}");
        if (Target.CanAdvanceClock)
        {
            Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], statuses);
        }

        var done = polls[^1];
        Assert.Equal(taskId, done.Output("task_id"));
        var video = new Uri(done.Json!.Value.GetProperty("output").GetProperty("results").GetProperty("video_url").GetString()!);
        var usage = done.Json.Value.GetProperty("usage");
        Assert.True(usage.GetProperty("video_duration").GetDouble() > 0);
        Assert.Equal("standard", usage.GetProperty("video_ratio").GetString());

        using var download = await _client.GetAsync(video);
        Assert.Equal(200, (int)download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 16 && Encoding.ASCII.GetString(bytes, 4, 4) == "ftyp", "The result is not an MP4 (no 'ftyp' box).");

        Answers.AssertSaw(Synthesis.ResponseModel, 200);
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_pending_task_is_CANCELED_a_running_one_cannot_be_and_the_list_shows_both()
    {
        // One task of an account runs at a time, so the second waits as PENDING behind the first.
        var first = (await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl))).Output("task_id")!;
        var second = (await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl))).Output("task_id")!;

        var cancelled = await SendAsync(HttpMethod.Post, CancelPath(second));
        Assert.Equal(200, cancelled.Status);
        Assert.True(Guid.TryParse(cancelled.RequestId, out _));
        var read = await QueryAsync(second);
        Assert.Equal("CANCELED", read.Output("task_status"));
        Assert.False(read.Json!.Value.TryGetProperty("usage", out _));

        var running = await PollUntilAsync(first, status => status is "RUNNING" || Terminal.Contains(status));
        Assert.Equal("RUNNING", running.Output("task_status"));
        var refused = await SendAsync(HttpMethod.Post, CancelPath(first));
        AssertError(refused, 400, "UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status.");

        var listed = await SendAsync(HttpMethod.Get, ListPath + "?task_id=" + second);
        Assert.Equal(200, listed.Status);
        var item = Assert.Single(listed.Json!.Value.GetProperty("data").EnumerateArray());
        Assert.Equal(second, item.GetProperty("task_id").GetString());
        Assert.Equal("CANCELED", item.GetProperty("status").GetString());
        Assert.Equal(Synthesis.Model, item.GetProperty("model_name").GetString());

        var done = await PollUntilTerminalAsync(first);
        Assert.Equal("SUCCEEDED", done[^1].Output("task_status"));

        Answers.AssertSaw(ResponseOf(OperationKind.TaskCancel), 200);
        Answers.AssertSaw(ErrorModel, 400);
        Answers.AssertSaw(ResponseOf(OperationKind.TaskList), 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task An_image_without_a_face_fails_the_task_with_NoHumanFace()
    {
        var submitted = await SubmitAsync(SynthesisBody(Target.NoFaceImageUrl, Target.SpeechUrl));
        Assert.Equal(200, submitted.Status);

        var polls = await PollUntilTerminalAsync(submitted.Output("task_id")!);

        var failed = polls[^1];
        Assert.Equal("FAILED", failed.Output("task_status"));
        Assert.Equal("InvalidImage.NoHumanFace", failed.Output("code"));
        Assert.False(string.IsNullOrEmpty(failed.Output("message")));
        Assert.False(failed.Json!.Value.TryGetProperty("usage", out _), "A failed task is not billed: no usage.");
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_task_id_that_does_not_exist_reads_UNKNOWN_and_cannot_be_cancelled()
    {
        var id = Guid.NewGuid().ToString();

        var read = await QueryAsync(id);
        var cancel = await SendAsync(HttpMethod.Post, CancelPath(id));

        Assert.Equal(200, read.Status);
        Assert.Equal("UNKNOWN", read.Output("task_status"));
        AssertError(cancel, 400, "UnsupportedOperation", null);
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    // ---------------------------------------------------------------- list and face-detect

    [ContractFact]
    public async Task The_task_list_pages_and_filters()
    {
        var first = await SendAsync(HttpMethod.Get, ListPath);
        var paged = await SendAsync(HttpMethod.Get, ListAlternatePath + "?page_no=1&page_size=2");
        var succeeded = await SendAsync(HttpMethod.Get, ListPath + "?status=SUCCEEDED&model_name=" + Synthesis.Model);

        Assert.Equal(200, first.Status);
        Assert.Equal(1, first.Json!.Value.GetProperty("page_no").GetInt32());
        Assert.Equal(10, first.Json.Value.GetProperty("page_size").GetInt32());
        Assert.Equal(2, paged.Json!.Value.GetProperty("page_size").GetInt32());
        Assert.True(paged.Json.Value.GetProperty("data").GetArrayLength() <= 2);
        Assert.All(succeeded.Json!.Value.GetProperty("data").EnumerateArray(), item => Assert.Equal("SUCCEEDED", item.GetProperty("status").GetString()));

        // The window may not exceed 24 hours.
        var tooLong = await SendAsync(HttpMethod.Get, ListPath + "?start_time=20250101000000&end_time=20250103000000");
        AssertError(tooLong, 400, null, null);

        Answers.AssertSaw(ResponseOf(OperationKind.TaskList), 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Face_detect_passes_a_portrait_and_fails_an_image_without_a_face()
    {
        var pass = await DetectAsync(Target.PortraitUrl);
        var noFace = await DetectAsync(Target.NoFaceImageUrl);

        Assert.Equal(200, pass.Status);
        Assert.True(pass.Json!.Value.GetProperty("output").GetProperty("pass").GetBoolean());
        Assert.Equal(200, noFace.Status);
        Assert.False(noFace.Json!.Value.GetProperty("output").GetProperty("pass").GetBoolean());
        Assert.False(string.IsNullOrEmpty(noFace.Json.Value.GetProperty("output").GetProperty("message").GetString()));
        Answers.AssertSaw(Detect.ResponseModel, 200);
        Answers.AssertAllValid();
    }

    // ---------------------------------------------------------------- documented errors

    [ContractFact]
    public async Task Without_an_API_key_every_endpoint_answers_401_No_API_key_provided()
    {
        var body = SynthesisBody(Target.PortraitUrl, Target.SpeechUrl);
        var answers = new[]
        {
            await SendAsync(HttpMethod.Post, Synthesis.Path, body, key: null, asyncHeader: true),
            await SendAsync(HttpMethod.Post, Detect.Path, DetectBody(Target.PortraitUrl), key: null),
            await SendAsync(HttpMethod.Get, QueryPath(Guid.NewGuid().ToString()), key: null),
            await SendAsync(HttpMethod.Post, CancelPath(Guid.NewGuid().ToString()), key: null),
            await SendAsync(HttpMethod.Get, ListPath, key: null),
        };

        Assert.All(answers, a => AssertError(a, 401, "InvalidApiKey", "No API-key provided."));
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task With_an_unknown_API_key_every_endpoint_answers_401_Invalid_API_key_provided()
    {
        const string unknown = "sk-00000000000000000000000000000000";
        var body = SynthesisBody(Target.PortraitUrl, Target.SpeechUrl);
        var answers = new[]
        {
            await SendAsync(HttpMethod.Post, Synthesis.Path, body, key: unknown, asyncHeader: true),
            await SendAsync(HttpMethod.Post, Detect.Path, DetectBody(Target.PortraitUrl), key: unknown),
            await SendAsync(HttpMethod.Get, QueryPath(Guid.NewGuid().ToString()), key: unknown),
            await SendAsync(HttpMethod.Get, ListPath, key: unknown),
        };

        Assert.All(answers, a => AssertError(a, 401, "InvalidApiKey", "Invalid API-key provided."));
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Synthesis_without_the_async_header_is_403_AccessDenied()
    {
        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, SynthesisBody(Target.PortraitUrl, Target.SpeechUrl), asyncHeader: false);

        AssertError(answer, 403, "AccessDenied", "current user api does not support synchronous calls");
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Face_detect_with_the_async_header_is_403_AccessDenied()
    {
        var answer = await SendAsync(HttpMethod.Post, Detect.Path, DetectBody(Target.PortraitUrl), asyncHeader: true);

        AssertError(answer, 403, "AccessDenied", "current user api does not support asynchronous calls");
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Parameters_out_of_range_are_400_OutOfDefinition_naming_the_field()
    {
        (string Parameters, string Field)[] cases =
        [
            ("""{"video_fps":14}""", "video_fps"),
            ("""{"video_fps":31}""", "video_fps"),
            ("""{"eye_move_freq":1.01}""", "eye_move_freq"),
            ("""{"mouth_move_strength":-0.5}""", "mouth_move_strength"),
            ("""{"mouth_move_strength":1.6}""", "mouth_move_strength"),
            ("""{"head_move_strength":1.2}""", "head_move_strength"),
        ];

        foreach (var (parameters, field) in cases)
        {
            var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, SynthesisBody(Target.PortraitUrl, Target.SpeechUrl, parameters), asyncHeader: true);
            AssertError(answer, 400, "InvalidParamter.OutOfDefinition", null);
            Assert.Contains(field, answer.Message, StringComparison.Ordinal);
        }

        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task An_unknown_template_is_400_OutOfDefinition_naming_template_id()
    {
        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, SynthesisBody(Target.PortraitUrl, Target.SpeechUrl, """{"template_id":"dramatic"}"""), asyncHeader: true);

        AssertError(answer, 400, "InvalidParamter.OutOfDefinition", null);
        Assert.Contains("template_id", answer.Message, StringComparison.Ordinal);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_body_without_input_is_400_BadRequest_EmptyInput()
    {
        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, $$"""{"model":"{{Synthesis.Model}}"}""", asyncHeader: true);

        AssertError(answer, 400, "BadRequest.EmptyInput", "Required input parameter missing from request.");
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_body_without_model_is_400_BadRequest_EmptyModel()
    {
        var body = $$$"""{"input":{"image_url":"{{{Target.PortraitUrl}}}","audio_url":"{{{Target.SpeechUrl}}}"}}""";

        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, body, asyncHeader: true);

        AssertError(answer, 400, "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_url_that_is_not_http_is_refused_with_InvalidURL()
    {
        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, SynthesisBody(new Uri("ftp://example.com/portrait.png"), Target.SpeechUrl), asyncHeader: true);

        // The reference documents InvalidURL both as a 400 and as the code of a FAILED task; either is the contract.
        if (answer.Status == 200)
        {
            var polls = await PollUntilTerminalAsync(answer.Output("task_id")!);
            Assert.Equal("FAILED", polls[^1].Output("task_status"));
            Assert.Equal("InvalidURL", polls[^1].Output("code"));
        }
        else
        {
            AssertError(answer, 400, "InvalidURL", null);
        }

        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_body_that_is_not_json_is_400_InvalidParameter()
    {
        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, $$"""{"model":"{{Synthesis.Model}}","input":""", asyncHeader: true);

        AssertError(answer, 400, "InvalidParameter", null);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task An_unknown_model_is_refused()
    {
        var body = $$$"""{"model":"{{{Synthesis.Model}}}-nonexistent","input":{"image_url":"{{{Target.PortraitUrl}}}","audio_url":"{{{Target.SpeechUrl}}}"}}""";

        var answer = await SendAsync(HttpMethod.Post, Synthesis.Path, body, asyncHeader: true);

        // Unconfirmed which of the two the service answers; both are in the reference.
        Assert.True(answer is { Status: 400, Code: "InvalidParameter" } or { Status: 404, Code: "ModelNotFound" }, $"Got {answer.Status} {answer.Code}: {answer.Text}");
        Answers.AssertSaw(ErrorModel);
        Answers.AssertAllValid();
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    // ---------------------------------------------------------------- plumbing

    /// <summary>Sends one raw call. <paramref name="key"/>: the test's key by default, null for no Authorization header.</summary>
    protected Task<Reply> SendAsync(HttpMethod method, string apiPath, string? json = null, string? key = "", bool asyncHeader = false) =>
        _client.SendAsync(method, apiPath, json, key, asyncHeader);

    protected Task<Reply> SubmitAsync(string body) => _client.CallAsync(Synthesis, body);

    protected Task<Reply> QueryAsync(string taskId) => _client.QueryAsync(taskId);

    protected Task<Reply> DetectAsync(Uri image) => _client.CallAsync(Detect, DetectBody(image));

    protected string SynthesisBody(Uri image, Uri audio, string? parameters = null) =>
        $$$"""{"model":"{{{Synthesis.Model}}}","input":{"image_url":"{{{image}}}","audio_url":"{{{audio}}}"}{{{(parameters is null ? "" : ",\"parameters\":" + parameters)}}}}""";

    protected string DetectBody(Uri image) => $$$"""{"model":"{{{Detect.Model}}}","input":{"image_url":"{{{image}}}"}}""";

    /// <summary>Polls until the task ends; returns every answer read.</summary>
    protected Task<List<Reply>> PollUntilTerminalAsync(string taskId) => _client.PollUntilTerminalAsync(taskId);

    /// <summary>Polls until <paramref name="stop"/> holds for the status; returns that answer.</summary>
    protected Task<Reply> PollUntilAsync(string taskId, Func<string, bool> stop, List<Reply>? polls = null) => _client.PollUntilAsync(taskId, stop, polls);

    protected static void AssertError(Reply answer, int status, string? code, string? message)
    {
        Assert.True(answer.Status == status, $"Expected HTTP {status}, got {answer.Status}: {answer.Text}");
        if (code is not null)
        {
            Assert.Equal(code, answer.Code);
        }

        if (message is not null)
        {
            Assert.Equal(message, answer.Message);
        }

        Assert.False(string.IsNullOrEmpty(answer.RequestId), $"No request_id in {answer.Text}");
    }

    private static List<string> Distinct(IEnumerable<string> statuses)
    {
        var list = new List<string>();
        foreach (var status in statuses)
        {
            if (list.Count == 0 || list[^1] != status)
            {
                list.Add(status);
            }
        }

        return list;
    }

    private static bool IsOrdered(IReadOnlyList<string> seen, IReadOnlyList<string> order) =>
        seen.Select(s => order.ToList().IndexOf(s)).Zip(seen.Select(s => order.ToList().IndexOf(s)).Skip(1)).All(p => p.First >= 0 && p.First < p.Second);
}
