using DashScope.Emulator.Dashboard;

namespace DashScope.Emulator;

/// <summary>What the dashboard needs from the emulator: its address and a record of every change it shows.</summary>
public sealed partial class LivePortraitEmulator
{
    /// <summary>The dashboard page, e.g. <c>http://127.0.0.1:18080/__emulator/ui/</c>.</summary>
    public Uri DashboardUrl => new(Url, DashboardAssets.PagePath);

    /// <summary>The dashboard's record of changes (tests look at what it keeps).</summary>
    internal ChangeTracker DashboardTracker => _changes;

    /// <summary>Records the changes that arrive as events: task transitions and journal entries.</summary>
    private void WatchForDashboard()
    {
        _board.Transitioned += transition =>
        {
            if (transition.From is null)
            {
                // A new task may have used up a fail-next or hold-next plan.
                _changes.TaskChanged(TrackedId(transition.TaskId), DashboardSection.Plans);
            }
            else
            {
                _changes.TaskChanged(TrackedId(transition.TaskId));
            }
        };
        // A task the board dropped is gone from the dashboard too, whether or not a reader is watching.
        _board.Removed += _changes.TaskGone;
        _journal.Added += entry =>
        {
            _changes.JournalAdded(entry);
            if (entry.Fault is not null)
            {
                _changes.SectionChanged(DashboardSection.Faults);
            }
        };
    }

    private TaskPlans PlansNow()
    {
        var (failNext, failCode, holdNext) = _board.Plans;
        return new TaskPlans(failNext, failCode, holdNext);
    }

    /// <summary>Records a task a control changed (a hold or release raises no transition); returns it.</summary>
    private Tasks.EmulatedTask Touched(Tasks.EmulatedTask task)
    {
        _changes.TaskChanged(TrackedId(task.TaskId));
        return task;
    }

    /// <summary>A task id as the tracker keeps it; the board makes every id, always a UUID in its usual spelling.</summary>
    private static Guid TrackedId(string taskId) =>
        Http.Uuid.TryParseExact(taskId, out var id) ? id : throw new ArgumentException($"'{taskId}' is not a task id the board made.", nameof(taskId));

    /// <summary>Records that a control changed a section the dashboard shows; returns the emulator for chaining.</summary>
    private LivePortraitEmulator Changed(DashboardSection section)
    {
        _changes.SectionChanged(section);
        return this;
    }
}
