using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Answers;

/// <summary>
/// Every operation's answers, compiled once at start-up from the models the description gives it: a synchronous
/// call's response, a submit's response and its task's query answer. A schema whose answers cannot be written
/// stops the start.
/// </summary>
internal sealed class AnswerPlans
{
    private readonly Dictionary<EmulatorEndpoint, AnswerPlan> _responses = new();
    private readonly Dictionary<EmulatorEndpoint, AnswerPlan> _tasks = new();

    /// <exception cref="SchemaDescriptionException">An answer field cannot be filled.</exception>
    public AnswerPlans(LivePortraitSchema schema)
    {
        OperationDefinition? firstAsync = null;
        foreach (var operation in schema.Operations.Values)
        {
            switch (operation.Kind)
            {
                case OperationKind.Sync:
                    _responses.Add(operation.Endpoint, AnswerPlanBuilder.Build(schema, operation, operation.Description.ResponseModel, AnswerMode.Sync));
                    break;
                case OperationKind.Async:
                    firstAsync ??= operation;
                    _responses.Add(operation.Endpoint, AnswerPlanBuilder.Build(schema, operation, operation.Description.ResponseModel, AnswerMode.Submission));
                    _tasks.Add(operation.Endpoint, AnswerPlanBuilder.Build(schema, operation, operation.Description.TaskModel!, AnswerMode.Task));
                    break;
            }
        }

        // A task no operation owns (unknown, expired, another account's) answers in the query's own model.
        var query = schema.Operations.Values.FirstOrDefault(o => o.Kind == OperationKind.TaskQuery);
        var owner = schema.Operations.Values.FirstOrDefault(o => o.Kind == OperationKind.Async && o.Description.TaskModel == query?.Description.ResponseModel) ?? firstAsync;
        if (query is not null && owner is not null)
        {
            DefaultTask = AnswerPlanBuilder.Build(schema, owner, query.Description.ResponseModel, AnswerMode.Task);
            DefaultSubmission = _responses[firstAsync!.Endpoint];
        }
    }

    /// <summary>The answer of a task no operation owns; null when the schema has no tasks.</summary>
    public AnswerPlan? DefaultTask { get; }

    /// <summary>The submit answer of the first asynchronous operation; null when the schema has none.</summary>
    public AnswerPlan? DefaultSubmission { get; }

    /// <summary>The successful answer of a synchronous call or a submit.</summary>
    public AnswerPlan Response(EmulatorEndpoint endpoint) => _responses[endpoint];

    /// <summary>The query answer of a task submitted to <paramref name="endpoint"/>, or the default one.</summary>
    public AnswerPlan Task(EmulatorEndpoint endpoint) =>
        _tasks.TryGetValue(endpoint, out var plan) ? plan : DefaultTask ?? throw new InvalidOperationException("The schema has no task operations.");
}
