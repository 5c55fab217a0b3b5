namespace DashScope.Emulator.Recording;

/// <summary>A task started by a replayed submit: its status is the recorded timeline's at the time since its submit.</summary>
internal sealed class ReplayedTask(string id, CassetteTask recorded, int recordedIndex, DateTimeOffset submittedAt)
{
    /// <summary>The position of the recorded task in the cassette.</summary>
    public int RecordedIndex => recordedIndex;

    /// <summary>The answer to a poll at <paramref name="now"/>: the last status first seen at or before that time since the submit.</summary>
    public ReplayedAnswer Now(DateTimeOffset now)
    {
        var elapsed = (now - submittedAt).TotalSeconds;
        var timeline = recorded.Timeline;
        if (timeline.Count == 0)
        {
            return ReplayedAnswer.Error(404, CassettePlayer.NoMatchCode, $"The cassette recorded no poll of task {recorded.TaskId}, so task {id} has no status to replay.");
        }

        var entry = timeline.LastOrDefault(e => e.FirstSeen <= elapsed) ?? timeline[0];
        return ReplayedAnswer.Of(entry.Response, recorded.TaskId, id);
    }
}
