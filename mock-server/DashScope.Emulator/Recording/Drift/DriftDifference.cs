namespace DashScope.Emulator.Recording.Drift;

/// <summary>What kind of difference a drift report names.</summary>
public enum DriftKind
{
    /// <summary>The HTTP status differs.</summary>
    Status,

    /// <summary>An error's <c>code</c> differs.</summary>
    ErrorCode,

    /// <summary>An error's <c>message</c> differs.</summary>
    ErrorMessage,

    /// <summary>A field the recording has is missing from the target's answer.</summary>
    MissingField,

    /// <summary>The target's answer has a field the recording does not.</summary>
    ExtraField,

    /// <summary>A field holds another JSON type (string, number, object...).</summary>
    Type,

    /// <summary>A string field holds another format (time, uuid, url, text, empty).</summary>
    Format,

    /// <summary>A task went through other statuses.</summary>
    StatusSequence,

    /// <summary>A task reached a status at other times.</summary>
    Timing,
}

/// <summary>One difference between a recorded answer and the target's, with every exchange it was seen in.</summary>
/// <param name="Subject">The answer it is in, e.g. <c>POST VideoSynthesis</c> or <c>task of exchange 3, RUNNING</c>.</param>
/// <param name="Field">The JSON path (<c>$.output.task_id</c>), or <c>status</c>, <c>status sequence</c>, <c>RUNNING</c>.</param>
/// <param name="Kind">What differs.</param>
/// <param name="Recorded">The recording's side (value, type or format); null when absent.</param>
/// <param name="Actual">The target's side; null when absent.</param>
/// <param name="Exchanges">The recorded exchanges it was seen in.</param>
public sealed record DriftDifference(string Subject, string Field, DriftKind Kind, string? Recorded, string? Actual, IReadOnlyList<int> Exchanges);

/// <summary>A recorded exchange the drift check did not replay, and why.</summary>
/// <param name="Exchange">The exchange id.</param>
/// <param name="Reason">Why it was not compared.</param>
public sealed record DriftSkip(int Exchange, string Reason);
