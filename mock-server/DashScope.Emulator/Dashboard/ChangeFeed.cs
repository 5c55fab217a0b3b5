using DashScope.Emulator.Control;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Dashboard;

/// <summary>
/// Turns what the <see cref="ChangeTracker"/> recorded into <see cref="DashboardUpdate"/>s, reading every value
/// through the emulator's own control surface (the same reads the admin API answers with). One feed serves the
/// admin <c>board</c> and <c>changes</c> reads and the event stream.
/// </summary>
internal sealed class ChangeFeed
{
    private readonly LivePortraitEmulator _emulator;
    private readonly Func<EmulatedTask, string> _resultLink;
    private readonly Func<TaskPlans> _plans;
    private readonly object _noticeGate = new();
    private string _uploadsFingerprint = "";

    public ChangeFeed(LivePortraitEmulator emulator, ChangeTracker tracker, Func<EmulatedTask, string> resultLink, Func<TaskPlans> plans)
    {
        _emulator = emulator;
        Tracker = tracker;
        _resultLink = resultLink;
        _plans = plans;
    }

    /// <summary>What changed, by version.</summary>
    public ChangeTracker Tracker { get; }

    /// <summary>The whole state.</summary>
    public DashboardUpdate Snapshot() => Since(0);

    /// <summary>What changed after <paramref name="since"/> (everything when 0 or when the reader is too far behind).</summary>
    public DashboardUpdate Since(long since)
    {
        NoticeUploads();

        // Expiry happens on the clock, not on a request: catching the board up raises the tasks it drops now.
        _emulator.Pump();
        var changes = Tracker.Since(since);
        var now = _emulator.Now;
        var sections = changes.Sections.ToHashSet();
        IReadOnlyList<BoardTask> tasks;
        var removed = new List<string>(changes.GoneTaskIds);
        if (changes.Full)
        {
            tasks = _emulator.GetTasks().Select(t => View(t, now)).ToArray();
        }
        else
        {
            var changed = new List<BoardTask>(changes.TaskIds.Count);
            foreach (var id in changes.TaskIds)
            {
                if (_emulator.FindTask(id) is { } task)
                {
                    changed.Add(View(task, now));
                }
                else
                {
                    removed.Add(id);
                }
            }

            tasks = changed;
        }

        var journal = changes.Full ? Latest(_emulator.Journal, ChangeTracker.JournalWindow) : changes.Journal;
        return new DashboardUpdate(
            changes.Version,
            changes.Full,
            now,
            tasks,
            removed,
            journal,
            sections.Contains(DashboardSection.Clock) ? new ClockState(now, _emulator.CanAdvanceClock) : null,
            sections.Contains(DashboardSection.Faults) ? _emulator.Faults : null,
            sections.Contains(DashboardSection.Plans) ? _plans() : null,
            sections.Contains(DashboardSection.Accounts) ? _emulator.Accounts.Select(a => new DashboardAccount(a.AccountId, a.ApiKeys.Count)).ToArray() : null,
            sections.Contains(DashboardSection.Uploads) && _emulator.UploadHost is not null ? _emulator.GetUploads() : null,
            changes.Full ? _emulator.Endpoints.Select(e => e.Key).ToArray() : null,
            changes.Full ? _emulator.UploadHost is not null : null);
    }

    /// <summary>
    /// The storage raises no event of its own, so the stored files are compared with what was last seen (a few
    /// dozen at most), on every read and on the event stream's heartbeat.
    /// </summary>
    public void NoticeUploads()
    {
        if (_emulator.UploadHost is null)
        {
            return;
        }

        var fingerprint = string.Join('|', _emulator.GetUploads().Select(u => u.Key + "@" + u.ExpiresAt.UtcTicks));
        lock (_noticeGate)
        {
            if (fingerprint == _uploadsFingerprint)
            {
                return;
            }

            _uploadsFingerprint = fingerprint;
        }

        Tracker.SectionChanged(DashboardSection.Uploads);
    }

    private BoardTask View(EmulatedTask task, DateTimeOffset now)
    {
        var started = task.ScheduledTime;
        var queuedUntil = started ?? task.EndTime ?? now;
        double? running = started is { } s ? Seconds((task.EndTime ?? now) - s) : null;
        return new BoardTask(
            task.TaskId,
            task.AccountId,
            task.Endpoint.Key,
            task.Model,
            task.Status,
            task.IsHeld,
            task.SubmitTime,
            task.ScheduledTime,
            task.EndTime,
            Seconds(queuedUntil - task.SubmitTime),
            running,
            task.EndTime is { } end ? Seconds(end - task.SubmitTime) : null,
            task.ImageUrl,
            task.AudioUrl,
            task.VideoDurationSeconds is { } audio ? Math.Round(audio, 3) : null,
            task.ErrorCode,
            task.ErrorMessage,
            task.IsTerminal ? null : task.PlannedFailureCode,
            task.Status == EmulatedTaskStatus.Succeeded ? _resultLink(task) : null);
    }

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 3);

    private static IReadOnlyList<JournalEntry> Latest(IReadOnlyList<JournalEntry> journal, int count) =>
        journal.Count <= count ? journal : journal.Skip(journal.Count - count).ToArray();
}
