using DashScope.Emulator.Control;
using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Toolkit.Description;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator;

/// <summary>The in-process control surface: accounts, media, tasks, clock, faults, journal, reset.</summary>
public sealed partial class LivePortraitEmulator : IEmulatorAccounts, IEmulatorMedia, IEmulatorTasks, IEmulatorClock, IEmulatorFaults, IEmulatorJournal
{
    /// <inheritdoc/>
    public IReadOnlyList<AccountInfo> Accounts => _accounts.Accounts;

    /// <inheritdoc/>
    public DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <inheritdoc/>
    public bool CanAdvanceClock => _options.TimeProvider is FakeTimeProvider;

    /// <inheritdoc/>
    public IReadOnlyList<FaultRule> Faults => _faults.Rules;

    /// <inheritdoc/>
    public int DelayedRequestCount => _pipeline.Faults.DelayedRequestCount;

    /// <inheritdoc/>
    public IReadOnlyList<JournalEntry> Journal => _journal.Entries;

    /// <inheritdoc/>
    public LivePortraitEmulator AddAccount(string accountId, params string[] apiKeys)
    {
        _accounts.Add(accountId, apiKeys);
        return Changed(DashboardSection.Accounts);
    }

    /// <inheritdoc/>
    public Uri SampleUrl(SampleMediaFile sample) => FileUrl(MediaLibrary.FileName(sample));

    /// <inheritdoc/>
    public Uri ServeFile(string name, byte[] content, string contentType)
    {
        _media.Serve(name, content, contentType);
        return FileUrl(name);
    }

    /// <inheritdoc/>
    public LivePortraitEmulator MarkNoFace(Uri imageUrl)
    {
        _media.MarkNoFace(imageUrl.ToString());
        return this;
    }

    /// <inheritdoc/>
    public LivePortraitEmulator MarkNoFace(byte[] imageContent)
    {
        _media.MarkNoFace(imageContent);
        return this;
    }

    /// <inheritdoc/>
    public EmulatedTask? FindTask(string taskId) => _board.Find(taskId);

    /// <inheritdoc/>
    public IReadOnlyList<EmulatedTask> GetTasks(string? accountId = null) => _board.Snapshot(accountId);

    /// <inheritdoc/>
    public EmulatedTask ForceStatus(string taskId, EmulatedTaskStatus status, string? errorCode = null, string? errorMessage = null)
    {
        if (status == EmulatedTaskStatus.Failed)
        {
            errorCode ??= Schema.TaskError(TaskFailure.AlgorithmError).Code;
            errorMessage ??= Schema.TaskErrorMessageForCode(errorCode) ?? errorCode;
        }

        return Touched(_board.Force(taskId, status, errorCode, errorMessage));
    }

    /// <inheritdoc/>
    public EmulatedTask ForceFailed(string taskId, string errorCode, string? errorMessage = null) =>
        ForceStatus(taskId, EmulatedTaskStatus.Failed, errorCode, errorMessage);

    /// <inheritdoc/>
    public EmulatedTask HoldInPending(string taskId) => Touched(_board.Hold(taskId));

    /// <inheritdoc/>
    public EmulatedTask ReleaseTask(string taskId) => Touched(_board.Release(taskId));

    /// <inheritdoc/>
    public LivePortraitEmulator FailNextTasks(int count, string errorCode, string? errorMessage = null)
    {
        _board.FailNext(count, errorCode, errorMessage ?? Schema.TaskErrorMessageForCode(errorCode) ?? errorCode);
        return Changed(DashboardSection.Plans);
    }

    /// <inheritdoc/>
    public LivePortraitEmulator HoldNextTasksInPending(int count)
    {
        _board.HoldNext(count);
        return Changed(DashboardSection.Plans);
    }

    /// <inheritdoc/>
    public LivePortraitEmulator AdvanceClock(TimeSpan by)
    {
        if (_options.TimeProvider is not FakeTimeProvider fake)
        {
            throw new InvalidOperationException("The emulator runs on a real clock; start it with a FakeTimeProvider to advance time.");
        }

        fake.Advance(by);
        _board.Pump();
        return Changed(DashboardSection.Clock);
    }

    /// <summary>Applies every task transition due by now (the server also does this on each request and on a timer).</summary>
    public void Pump() => _board.Pump();

    /// <inheritdoc/>
    public IReadOnlyList<EmulatorEndpoint> Endpoints => Schema.Endpoints;

    /// <inheritdoc/>
    public FaultTarget OnEndpoint(EmulatorEndpoint endpoint) => new(KnownEndpoint(endpoint), AddFault);

    /// <inheritdoc/>
    public bool RemoveFault(string faultId)
    {
        var removed = _faults.Remove(faultId);
        Changed(DashboardSection.Faults);
        return removed;
    }

    /// <inheritdoc/>
    public LivePortraitEmulator ClearFaults()
    {
        _faults.Clear();
        return Changed(DashboardSection.Faults);
    }

    /// <inheritdoc/>
    public LivePortraitEmulator ClearJournal()
    {
        _journal.Clear();
        _changes.StartOver();
        return this;
    }

    /// <summary>
    /// Forgets every task, fault, journal entry, rate-limit bucket, pending plan, media registration and uploaded
    /// file made at run time. Accounts stay: they are configuration, and a fixture registers them once.
    /// </summary>
    public LivePortraitEmulator Reset()
    {
        _board.Reset();
        _faults.Clear();
        _journal.Clear();
        _rateLimiter.Reset();
        _media.ResetToSamples();
        _storage?.Reset();
        _changes.StartOver();
        return this;
    }

    private FaultRule AddFault(FaultRule rule)
    {
        var added = _faults.Add(rule);
        Changed(DashboardSection.Faults);
        return added;
    }

    /// <summary>The endpoint, when the loaded schema has it; a fault for an operation it lacks would never fire.</summary>
    private EmulatorEndpoint KnownEndpoint(EmulatorEndpoint endpoint) =>
        Schema.Operations.ContainsKey(endpoint)
            ? endpoint
            : throw new ArgumentException($"The schema '{Schema.Description.SchemaFileName}' has no operation '{endpoint.Key}'; its endpoints are {Admin.AdminNames.EndpointNames(Schema.Endpoints)}.", nameof(endpoint));

    private Uri FileUrl(string name) => new(Url, AdminPathPrefix + "files/" + Uri.EscapeDataString(name));
}
