using DashScope.Emulator.Faults;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Control;

/// <summary>Accounts and their API keys.</summary>
public interface IEmulatorAccounts
{
    /// <summary>The registered accounts with their keys.</summary>
    IReadOnlyList<AccountInfo> Accounts { get; }

    /// <summary>Registers keys for an account (creating it if new). Tasks are visible only to keys of the same account.</summary>
    LivePortraitEmulator AddAccount(string accountId, params string[] apiKeys);
}

/// <summary>Files the emulator serves and images it treats as faceless.</summary>
public interface IEmulatorMedia
{
    /// <summary>The URL of one of the shipped samples.</summary>
    Uri SampleUrl(SampleMediaFile sample);

    /// <summary>Serves <paramref name="content"/> at <c>/__emulator/files/{name}</c> and returns its URL.</summary>
    Uri ServeFile(string name, byte[] content, string contentType);

    /// <summary>Treats the image at this exact URL as having no face.</summary>
    LivePortraitEmulator MarkNoFace(Uri imageUrl);

    /// <summary>Treats any image with exactly these bytes as having no face, whatever its URL.</summary>
    LivePortraitEmulator MarkNoFace(byte[] imageContent);
}

/// <summary>Inspecting and steering tasks.</summary>
public interface IEmulatorTasks
{
    /// <summary>A task by id, whatever its account; null if it never existed or has expired.</summary>
    EmulatedTask? FindTask(string taskId);

    /// <summary>All live tasks, or those of one account, in submit order.</summary>
    IReadOnlyList<EmulatedTask> GetTasks(string? accountId = null);

    /// <summary>Moves a task to a status now. PENDING holds it in the queue; terminal statuses end it.</summary>
    EmulatedTask ForceStatus(string taskId, EmulatedTaskStatus status, string? errorCode = null, string? errorMessage = null);

    /// <summary>Fails a task now with a code (the schema's message for the code unless one is given).</summary>
    EmulatedTask ForceFailed(string taskId, string errorCode, string? errorMessage = null);

    /// <summary>Keeps a PENDING task queued until <see cref="ReleaseTask"/>; the tasks behind it still run.</summary>
    EmulatedTask HoldInPending(string taskId);

    /// <summary>Lets a held task run again, after the tasks already queued.</summary>
    EmulatedTask ReleaseTask(string taskId);

    /// <summary>The next <paramref name="count"/> submitted tasks fail with the code when they run.</summary>
    LivePortraitEmulator FailNextTasks(int count, string errorCode, string? errorMessage = null);

    /// <summary>The next <paramref name="count"/> submitted tasks stay PENDING until released.</summary>
    LivePortraitEmulator HoldNextTasksInPending(int count);
}

/// <summary>The emulator's clock.</summary>
public interface IEmulatorClock
{
    /// <summary>Now, on the emulator's clock.</summary>
    DateTimeOffset Now { get; }

    /// <summary>True when the clock is a <c>FakeTimeProvider</c> that <see cref="AdvanceClock"/> can move.</summary>
    bool CanAdvanceClock { get; }

    /// <summary>Moves a fake clock forward and applies every transition due by then.</summary>
    LivePortraitEmulator AdvanceClock(TimeSpan by);
}

/// <summary>Scripted faults.</summary>
public interface IEmulatorFaults
{
    /// <summary>The endpoints of the loaded schema: every operation it has, each of which the emulator serves.</summary>
    IReadOnlyList<EmulatorEndpoint> Endpoints { get; }

    /// <summary>Starts a fault for one endpoint: <c>OnEndpoint(e).Next(2).RespondWith(503)</c>.</summary>
    /// <exception cref="ArgumentException">The loaded schema has no such operation (the message lists the endpoints it has).</exception>
    FaultTarget OnEndpoint(EmulatorEndpoint endpoint);

    /// <summary>The faults still waiting to be applied.</summary>
    IReadOnlyList<FaultRule> Faults { get; }

    /// <summary>How many requests are currently held by a <see cref="FaultKind.Delay"/> fault.</summary>
    int DelayedRequestCount { get; }

    /// <summary>Removes one fault.</summary>
    bool RemoveFault(string faultId);

    /// <summary>Removes every fault.</summary>
    LivePortraitEmulator ClearFaults();
}

/// <summary>The request journal.</summary>
public interface IEmulatorJournal
{
    /// <summary>The answered requests, oldest first (bounded by <see cref="EmulatorOptions.JournalCapacity"/>).</summary>
    IReadOnlyList<JournalEntry> Journal { get; }

    /// <summary>Empties the journal.</summary>
    LivePortraitEmulator ClearJournal();
}
