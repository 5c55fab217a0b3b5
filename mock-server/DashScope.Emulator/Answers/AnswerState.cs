using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Answers;

/// <summary>What one answer is written from: the request, the task (for task answers), the result link and the measured media.</summary>
/// <param name="RequestId">The id of the request being answered.</param>
/// <param name="TaskId">The task's id (a task answer or a submit answer), else null.</param>
/// <param name="Status">The task's status; UNKNOWN when there is no task.</param>
/// <param name="Task">The task, when there is one.</param>
/// <param name="ResultUrl">The signed link to a succeeded task's result.</param>
/// <param name="MediaSeconds">Seconds of each media rule's file, by rule index (null where not measured).</param>
/// <param name="NoFace">For a synchronous check: whether each media rule's image showed no face, by rule index.</param>
internal readonly record struct AnswerState(
    string RequestId,
    string? TaskId,
    EmulatedTaskStatus Status,
    EmulatedTask? Task,
    string? ResultUrl,
    double?[]? MediaSeconds,
    bool[]? NoFace);
