using System.Text.Json;
using DashScope.Emulator.Http;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Answers;

/// <summary>
/// One answer body, compiled from its model at start-up: writing it walks the fields and reads the state, with no
/// lookup, reflection or LINQ. Fields appear in the model's order; a task answer carries a field only in the
/// statuses that have it.
/// </summary>
internal sealed class AnswerPlan
{
    private readonly AnswerNode[] _fields;
    private readonly TimeSpan _offset;

    public AnswerPlan(string model, AnswerNode[] fields, TimeSpan offset)
    {
        Model = model;
        _fields = fields;
        _offset = offset;
    }

    /// <summary>The model the plan writes.</summary>
    public string Model { get; }

    /// <summary>The answer's bytes.</summary>
    public byte[] Write(in AnswerState state) => JsonBuffer.Write((Plan: this, State: state), static (w, s) => s.Plan.WriteFields(w, s.Plan._fields, s.State));

    private void WriteFields(Utf8JsonWriter w, AnswerNode[] fields, in AnswerState state)
    {
        foreach (var field in fields)
        {
            if (Applies(field.When, state.Status))
            {
                WriteField(w, field, state);
            }
        }
    }

    private void WriteField(Utf8JsonWriter w, AnswerNode field, in AnswerState state)
    {
        var task = state.Task;
        switch (field.Value)
        {
            case AnswerValue.Object:
                w.WriteStartObject(field.Name);
                WriteFields(w, field.Children, state);
                w.WriteEndObject();
                break;
            case AnswerValue.RequestId:
                w.WriteString(field.Name, state.RequestId);
                break;
            case AnswerValue.TaskId when state.TaskId is { } taskId:
                w.WriteString(field.Name, taskId);
                break;
            case AnswerValue.TaskStatus:
                w.WriteString(field.Name, state.Status.ToWireName());
                break;
            case AnswerValue.SubmitTime when task is not null:
                TaskTimeText.Write(w, field.Name, task.SubmitTime, field.CustomTimeFormat, _offset);
                break;
            case AnswerValue.ScheduledTime when task?.ScheduledTime is { } scheduled:
                TaskTimeText.Write(w, field.Name, scheduled, field.CustomTimeFormat, _offset);
                break;
            case AnswerValue.EndTime when task?.EndTime is { } end:
                TaskTimeText.Write(w, field.Name, end, field.CustomTimeFormat, _offset);
                break;
            case AnswerValue.FailureCode when task is not null:
                w.WriteString(field.Name, task.ErrorCode);
                break;
            case AnswerValue.FailureMessage when task is not null:
                w.WriteString(field.Name, task.ErrorMessage);
                break;
            case AnswerValue.ResultUrl when state.ResultUrl is { } url:
                w.WriteString(field.Name, url);
                break;
            case AnswerValue.MediaSeconds:
                w.WriteNumber(field.Name, Math.Round(At(state.MediaSeconds, field.RuleIndex) ?? 0, 3));
                break;
            case AnswerValue.FaceDetected:
                w.WriteBoolean(field.Name, !NoFace(state, field.RuleIndex));
                break;
            case AnswerValue.FaceMessage:
                w.WriteString(field.Name, NoFace(state, field.RuleIndex) ? field.NoFaceMessage : string.Empty);
                break;
            case AnswerValue.Literal:
                w.WritePropertyName(field.Name);
                w.WriteRawValue(field.Literal, skipInputValidation: true);
                break;
            case AnswerValue.EmptyArray:
                w.WriteStartArray(field.Name);
                w.WriteEndArray();
                break;
        }
    }

    private static bool Applies(AnswerCondition when, EmulatedTaskStatus status) => when switch
    {
        AnswerCondition.OnSuccess => status == EmulatedTaskStatus.Succeeded,
        AnswerCondition.OnFailure => status == EmulatedTaskStatus.Failed,
        _ => true,
    };

    private static double? At(double?[]? values, int index) => values is not null && (uint)index < (uint)values.Length ? values[index] : null;

    // A task only succeeds when its images showed a face, so a task answer (no face verdicts) reads as "face found".
    private static bool NoFace(in AnswerState state, int index) => state.NoFace is { } noFace && (uint)index < (uint)noFace.Length && noFace[index];
}
