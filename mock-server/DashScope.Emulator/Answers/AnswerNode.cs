using System.Text.Json;

namespace DashScope.Emulator.Answers;

/// <summary>What an answer field holds: a value the state gives (the request, the task, its media), a fixed value, or more fields.</summary>
internal enum AnswerValue
{
    /// <summary>An object of more fields.</summary>
    Object,

    /// <summary>The id of the request being answered.</summary>
    RequestId,

    /// <summary>The task's id.</summary>
    TaskId,

    /// <summary>The task's status, by its wire name.</summary>
    TaskStatus,

    /// <summary>When the task was submitted.</summary>
    SubmitTime,

    /// <summary>When the task started running; absent until then.</summary>
    ScheduledTime,

    /// <summary>When the task ended; absent until then.</summary>
    EndTime,

    /// <summary>A failed task's code.</summary>
    FailureCode,

    /// <summary>A failed task's message.</summary>
    FailureMessage,

    /// <summary>The signed link to the task's result file.</summary>
    ResultUrl,

    /// <summary>Seconds of the media behind one request field, to the millisecond.</summary>
    MediaSeconds,

    /// <summary>Whether the image behind one request field shows a face.</summary>
    FaceDetected,

    /// <summary>Why that image failed the face check, or empty.</summary>
    FaceMessage,

    /// <summary>A fixed JSON value, written as is.</summary>
    Literal,

    /// <summary>An empty array.</summary>
    EmptyArray,
}

/// <summary>In which task statuses a task answer carries a field (other answers carry every field).</summary>
internal enum AnswerCondition
{
    /// <summary>Whatever the status.</summary>
    Always,

    /// <summary>Only once the task has succeeded: its results and usage.</summary>
    OnSuccess,

    /// <summary>Only once the task has failed: its code and message.</summary>
    OnFailure,
}

/// <summary>One field of an answer, compiled from a model property at start-up so that writing an answer only walks these.</summary>
/// <param name="Name">The wire name, encoded once.</param>
/// <param name="Value">What it holds.</param>
/// <param name="When">In which statuses a task answer carries it.</param>
internal sealed record AnswerNode(JsonEncodedText Name, AnswerValue Value, AnswerCondition When)
{
    /// <summary>For <see cref="AnswerValue.Object"/>: its fields, in the model's order.</summary>
    public AnswerNode[] Children { get; init; } = [];

    /// <summary>For <see cref="AnswerValue.Literal"/>: the value as JSON.</summary>
    public byte[] Literal { get; init; } = [];

    /// <summary>For the media values: the index of the request's media rule in the operation's rules.</summary>
    public int RuleIndex { get; init; } = -1;

    /// <summary>For the times: a format other than DashScope's own (null for DashScope's).</summary>
    public string? CustomTimeFormat { get; init; }

    /// <summary>For <see cref="AnswerValue.FaceMessage"/>: the message when no face was found.</summary>
    public string NoFaceMessage { get; init; } = string.Empty;
}
