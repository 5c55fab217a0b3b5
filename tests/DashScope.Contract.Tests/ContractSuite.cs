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
public abstract partial class ContractSuite<TTarget> : IClassFixture<TTarget>, IDisposable
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
