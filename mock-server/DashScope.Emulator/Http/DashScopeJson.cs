using System.Text.Json;
using DashScope.Emulator.Answers;
using DashScope.Emulator.Media;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Http;

/// <summary>
/// Writes DashScope's response bodies: the flat error envelope and the task list by the protocol's field names, and
/// every operation's own answers (a call's result, a submit, a task in any status) from the plans compiled from its
/// models at start-up.
/// </summary>
internal sealed class DashScopeJson
{
    private readonly LivePortraitSchema _schema;
    private readonly AnswerPlans _plans;

    /// <exception cref="Toolkit.Description.SchemaDescriptionException">An operation's answer cannot be written from its models.</exception>
    public DashScopeJson(LivePortraitSchema schema)
    {
        _schema = schema;
        _plans = new AnswerPlans(schema);
    }

    /// <summary>The answer carrying <paramref name="error"/>: its status, DashScope's flat envelope, and its code for the journal.</summary>
    public Answer ErrorAnswer(DashScopeError error, string requestId) => Answer.Json(error.Status, Error(error, requestId), error.Code);

    public byte[] Error(DashScopeError error, string requestId) => ErrorBody(error, requestId);

    /// <summary>DashScope's flat error envelope; it needs no answer plan, so callers outside the pipeline write it without compiling any.</summary>
    public static byte[] ErrorBody(DashScopeError error, string requestId) => JsonBuffer.Write((error, requestId), static (w, s) =>
    {
        w.WriteString(ProtocolFields.Code, s.error.Code);
        w.WriteString(ProtocolFields.Message, s.error.Message);
        w.WriteString(ProtocolFields.RequestId, s.requestId);
    });

    /// <summary>The answer to an accepted submit to <paramref name="endpoint"/> (the first asynchronous operation when default).</summary>
    public byte[] Submission(string taskId, EmulatedTaskStatus status, string requestId, EmulatorEndpoint endpoint = default)
    {
        var plan = endpoint == default ? _plans.DefaultSubmission! : _plans.Response(endpoint);
        return plan.Write(new AnswerState(requestId, taskId, status, null, null, null, null));
    }

    public byte[] CancelAccepted(string requestId) => JsonBuffer.Write(requestId, static (w, id) => w.WriteString(ProtocolFields.RequestId, id));

    /// <summary>A synchronous call's answer, from the media its request named.</summary>
    public byte[] SyncAnswer(EmulatorEndpoint endpoint, string requestId, MediaVerdict verdict) =>
        _plans.Response(endpoint).Write(new AnswerState(requestId, null, EmulatedTaskStatus.Unknown, null, null, verdict.Seconds, verdict.NoFaceByRule));

    /// <summary>A task query answer in the model of the operation that submitted the task; <paramref name="task"/> null means UNKNOWN.</summary>
    public byte[] Task(string taskId, EmulatedTask? task, string? resultUrl, string requestId) =>
        _plans.Task(task?.Endpoint ?? default).Write(new AnswerState(requestId, taskId, task?.Status ?? EmulatedTaskStatus.Unknown, task, resultUrl, task?.MediaSeconds, null));

    public byte[] TaskList(IReadOnlyList<EmulatedTask> page, int total, int pageNo, int pageSize, string requestId) => JsonBuffer.Write(page, (w, _) =>
    {
        w.WriteString(ProtocolFields.RequestId, requestId);
        w.WriteNumber(ProtocolFields.List.Total, total);
        w.WriteNumber(ProtocolFields.List.TotalPage, (total + pageSize - 1) / pageSize);
        w.WriteNumber(ProtocolFields.List.PageNo, pageNo);
        w.WriteNumber(ProtocolFields.List.PageSize, pageSize);
        w.WriteStartArray(ProtocolFields.List.Data);
        foreach (var task in page)
        {
            w.WriteStartObject();
            w.WriteString(ProtocolFields.List.ApiKeyId, task.ApiKeyId);
            w.WriteString(ProtocolFields.List.CallerParentId, task.AccountId);
            w.WriteString(ProtocolFields.List.CallerUid, task.AccountId);
            w.WriteNumber(ProtocolFields.List.GmtCreate, task.SubmitTime.ToUnixTimeMilliseconds());
            if (task.ScheduledTime is { } start)
            {
                w.WriteNumber(ProtocolFields.List.StartTime, start.ToUnixTimeMilliseconds());
            }

            if (task.EndTime is { } end)
            {
                w.WriteNumber(ProtocolFields.List.EndTime, end.ToUnixTimeMilliseconds());
            }

            if (_schema.Region is { } region)
            {
                w.WriteString(ProtocolFields.List.Region, region);
            }

            w.WriteString(ProtocolFields.RequestId, task.RequestId);
            w.WriteString(ProtocolFields.List.Status, task.Status.ToWireName());
            w.WriteString(ProtocolFields.TaskId, task.TaskId);
            if (_schema.Operations.TryGetValue(task.Endpoint, out var operation))
            {
                // Each task reports the billing key of the operation that submitted it.
                w.WriteString(ProtocolFields.List.UserApiUniqueKey, operation.UserApiUniqueKey);
            }

            w.WriteString(ProtocolFields.List.ModelName, task.Model);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>An instant as the task answers write it (the task query answer's time format, in the schema's zone).</summary>
    public string TaskTime(DateTimeOffset instant) => TaskTimeText.Format(instant, _schema.TaskTimeFormat, _schema.TimeZoneOffset);
}
