using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Schema;

/// <summary>
/// The time formats of the task protocol, from the models the task operations point at: the task query answer's
/// output times, and the list query's window filters. DashScope's own formats stand in where a schema's field
/// states none.
/// </summary>
internal sealed class TaskTimeFormats
{
    public TaskTimeFormats(EndpointDescription description)
    {
        var query = description.OfKind(OperationKind.TaskQuery).FirstOrDefault();
        var output = query is null ? null : ObjectOf(description, description.FindModel(query.ResponseModel), ProtocolFields.Output);
        TaskAnswer = FirstTimeFormat(output) ?? ProtocolFields.TaskTimeFormat;

        var list = description.OfKind(OperationKind.TaskList).FirstOrDefault();
        ListFilter = FirstTimeFormat(description.FindModel(list?.QueryModel)) ?? ProtocolFields.List.FilterTimeFormat;
    }

    /// <summary>The format of <c>submit_time</c>, <c>scheduled_time</c> and <c>end_time</c> in a task answer.</summary>
    public string TaskAnswer { get; }

    /// <summary>The format of the list's <c>start_time</c> and <c>end_time</c> filters.</summary>
    public string ListFilter { get; }

    /// <summary>The model of the object property <paramref name="wireName"/> of <paramref name="model"/>, or null.</summary>
    public static ModelDescription? ObjectOf(EndpointDescription description, ModelDescription? model, string wireName) =>
        model?.Property(wireName) is { Type: { Kind: ValueKind.Object, ModelName: { } name } } ? description.FindModel(name) : null;

    private static string? FirstTimeFormat(ModelDescription? model) =>
        model?.Properties.FirstOrDefault(p => p.Type.Kind == ValueKind.Time)?.Type.TimeFormat;
}
