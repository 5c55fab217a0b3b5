using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Described;

/// <summary>
/// The part of the contract that follows from the schema alone: every synchronous operation answers a sample
/// request with its response definition, and every asynchronous operation runs a sample task to the success
/// status, each answer judged against the schema. An operation added to the schema is covered here with no
/// code change.
/// </summary>
public abstract class DescribedOperationsSuite<TTarget> : IClassFixture<TTarget>, IDisposable
    where TTarget : class, IContractTarget
{
    private readonly AnswerLog _answers = new();
    private readonly ContractClient _client;
    private readonly SampleRequests _samples;

    protected DescribedOperationsSuite(TTarget target, ContractSchema schema)
    {
        _client = new ContractClient(target, schema, _answers, target.OpenSession());
        _samples = new SampleRequests(schema.Description, kind => kind == MediaKind.Audio ? target.SpeechUrl : target.PortraitUrl);
    }

    private EndpointDescription Description => _client.Description;

    [ContractFact]
    public async Task Every_synchronous_operation_answers_its_sample_request_with_its_response()
    {
        var operations = Description.OfKind(OperationKind.Sync).ToList();
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            var answer = await _client.CallAsync(operation, _samples.Body(operation));

            Assert.True(answer.Status == 200, $"{operation.Key}: expected 200, got {answer.Status}: {answer.Text}");
            _answers.AssertSaw(operation.ResponseModel, 200);
        }

        _answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Every_asynchronous_operation_runs_its_sample_task_to_success()
    {
        var operations = Description.OfKind(OperationKind.Async).ToList();
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            var submitted = await _client.CallAsync(operation, _samples.Body(operation));
            Assert.True(submitted.Status == 200, $"{operation.Key}: expected 200, got {submitted.Status}: {submitted.Text}");
            var taskId = submitted.Output("task_id");
            Assert.True(Guid.TryParse(taskId, out _), $"{operation.Key}: task_id '{taskId}' is not a UUID.");

            var polls = await _client.PollUntilTerminalAsync(taskId!);

            Assert.Equal(Description.Tasks!.SuccessStatus, polls[^1].Output("task_status"));
            _answers.AssertSaw(operation.ResponseModel, 200);
            _answers.AssertSaw(operation.TaskModel!, 200);
        }

        _answers.AssertAllValid();
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
