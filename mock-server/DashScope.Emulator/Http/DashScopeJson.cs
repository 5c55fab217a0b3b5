using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Http;

/// <summary>
/// Writes DashScope's response bodies field by field, in the order and shape the service uses
/// (a flat error envelope; task fields present only in the statuses that have them).
/// </summary>
internal sealed class DashScopeJson
{
    private readonly LivePortraitSchema _schema;

    // DashScope's format (the one the shipped schema gives) is written digit by digit instead of through the
    // general custom-format parser. Any other format a schema gives goes through DateTimeOffset.ToString.
    private const string MillisecondFormat = ProtocolFields.TaskTimeFormat;

    private readonly bool _fastTaskTime;

    public DashScopeJson(LivePortraitSchema schema)
    {
        _schema = schema;
        _fastTaskTime = string.Equals(schema.TaskTimeFormat, MillisecondFormat, StringComparison.Ordinal);
    }

    /// <summary>The answer carrying <paramref name="error"/>: its status, DashScope's flat envelope, and its code for the journal.</summary>
    public Answer ErrorAnswer(DashScopeError error, string requestId) => Answer.Json(error.Status, Error(error, requestId), error.Code);

    public byte[] Error(DashScopeError error, string requestId) => Write(w =>
    {
        w.WriteString(ProtocolFields.Code, error.Code);
        w.WriteString(ProtocolFields.Message, error.Message);
        w.WriteString(ProtocolFields.RequestId, requestId);
    });

    public byte[] Submission(string taskId, EmulatedTaskStatus status, string requestId) => Write(w =>
    {
        w.WriteStartObject(ProtocolFields.Output);
        w.WriteString(ProtocolFields.TaskId, taskId);
        w.WriteString(ProtocolFields.TaskStatus, status.ToWireName());
        w.WriteEndObject();
        w.WriteString(ProtocolFields.RequestId, requestId);
    });

    public byte[] CancelAccepted(string requestId) => Write(w => w.WriteString(ProtocolFields.RequestId, requestId));

    public byte[] FaceDetect(bool pass, string message, string requestId) => Write(w =>
    {
        w.WriteStartObject(ProtocolFields.Output);
        w.WriteBoolean("pass", pass);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("image_count", 1);
        w.WriteEndObject();
        w.WriteString(ProtocolFields.RequestId, requestId);
    });

    /// <summary>A task query answer; <paramref name="task"/> null means UNKNOWN.</summary>
    public byte[] Task(string taskId, EmulatedTask? task, string? videoUrl, string requestId) => Write(w =>
    {
        w.WriteString(ProtocolFields.RequestId, requestId);
        w.WriteStartObject(ProtocolFields.Output);
        w.WriteString(ProtocolFields.TaskId, taskId);
        var status = task?.Status ?? EmulatedTaskStatus.Unknown;
        w.WriteString(ProtocolFields.TaskStatus, status.ToWireName());
        if (task is not null)
        {
            WriteTaskTime(w, ProtocolFields.SubmitTime, task.SubmitTime);
            if (task.ScheduledTime is { } scheduled)
            {
                WriteTaskTime(w, ProtocolFields.ScheduledTime, scheduled);
            }

            if (task.EndTime is { } end)
            {
                WriteTaskTime(w, ProtocolFields.EndTime, end);
            }

            if (status == EmulatedTaskStatus.Succeeded && videoUrl is not null)
            {
                w.WriteStartObject("results");
                w.WriteString("video_url", videoUrl);
                w.WriteEndObject();
            }

            if (status == EmulatedTaskStatus.Failed)
            {
                w.WriteString(ProtocolFields.Code, task.ErrorCode);
                w.WriteString(ProtocolFields.Message, task.ErrorMessage);
            }
        }

        w.WriteEndObject();
        if (status == EmulatedTaskStatus.Succeeded)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("video_duration", Math.Round(task!.VideoDurationSeconds ?? 0, 3));
            w.WriteString("video_ratio", "standard");
            w.WriteEndObject();
        }
    });

    public byte[] TaskList(IReadOnlyList<EmulatedTask> page, int total, int pageNo, int pageSize, string requestId) => Write(w =>
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

    public string TaskTime(DateTimeOffset instant) =>
        instant.ToOffset(_schema.TimeZoneOffset).ToString(_schema.TaskTimeFormat, CultureInfo.InvariantCulture);

    private void WriteTaskTime(Utf8JsonWriter w, string name, DateTimeOffset instant)
    {
        if (!_fastTaskTime)
        {
            w.WriteString(name, TaskTime(instant));
            return;
        }

        // Same digits as the custom format, without parsing it or allocating the string.
        var t = instant.ToOffset(_schema.TimeZoneOffset).DateTime;
        Span<byte> text = stackalloc byte[23];
        Digits(text[..4], t.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = (byte)' ';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), t.Millisecond);
        w.WriteString(name, text);
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    // The service writes URLs with a literal '&'; the default encoder would escape it as \u0026.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and one writer per thread, reset between answers, instead of a new pair per answer.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private const int MaxRetainedBufferBytes = 64 * 1024;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.Clear();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedBufferBytes)
        {
            // A long task list grew it: let that one go rather than keep it per thread.
            t_buffer = null;
            t_writer = null;
        }

        return bytes;
    }
}
