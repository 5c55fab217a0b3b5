namespace DashScope.Emulator.Tasks;

/// <summary>Writes the texts of the board's stored tasks into the value pools and reads whole tasks back out.</summary>
/// <remarks>
/// Two pools: one for names (account, key id, model, endpoint, failure codes and messages), which few values cover, and
/// one for links (media URLs, request ids that are not UUIDs), which a client with signed or uploaded URLs makes new for
/// every task. A flood of new links fills only their own pool, so names keep being pooled.
/// </remarks>
internal sealed class TaskPacker(TaskValuePool names, TaskValuePool links)
{
    /// <summary>
    /// The stored form of a new task's submit: ids and texts only (the caller sets status, times and plans);
    /// <paramref name="overflow"/> holds what the pool had no room for. Thread-safe, so it runs before the board's lock.
    /// </summary>
    public PackedTask Submitted(NewTask request, Guid id, out TaskOverflow? overflow)
    {
        overflow = null;
        var packed = new PackedTask { Id = id, VideoDurationSeconds = request.VideoDurationSeconds };
        packed.SetHandle(TaskText.ErrorCode, TaskValuePool.None);
        packed.SetHandle(TaskText.ErrorMessage, TaskValuePool.None);
        packed.SetHandle(TaskText.PlannedFailureCode, TaskValuePool.None);
        packed.SetHandle(TaskText.PlannedFailureMessage, TaskValuePool.None);
        SetText(ref packed, TaskText.AccountId, request.AccountId, ref overflow);
        SetText(ref packed, TaskText.ApiKeyId, request.ApiKeyId, ref overflow);
        SetText(ref packed, TaskText.Model, request.Model, ref overflow);
        if (Http.Uuid.TryParseExact(request.RequestId, out var requestId))
        {
            // The pipeline's request ids are UUIDs: kept as a number, not as one more string per task.
            packed.RequestId = requestId;
            packed.SetHandle(TaskText.RequestId, TaskValuePool.None);
        }
        else
        {
            SetText(ref packed, TaskText.RequestId, request.RequestId, ref overflow);
        }

        SetText(ref packed, TaskText.ImageUrl, request.ImageUrl, ref overflow);
        SetText(ref packed, TaskText.AudioUrl, request.AudioUrl, ref overflow);
        SetText(ref packed, TaskText.Endpoint, request.Endpoint.Key, ref overflow);
        packed.MediaSeconds = names.Seconds(request.MediaSeconds);
        if (packed.MediaSeconds == TaskValuePool.Overflow)
        {
            overflow ??= new TaskOverflow();
            overflow.MediaSeconds = request.MediaSeconds;
        }

        return packed;
    }

    /// <summary>
    /// Sets one text of a stored task. A value the pool cannot take goes into a new copy of the task's overflow:
    /// a reader may still hold the old one, which must not change under it.
    /// </summary>
    public void SetText(ref PackedTask packed, TaskText slot, string? text, ref TaskOverflow? overflow)
    {
        var handle = PoolFor(slot).Text(text);
        packed.SetHandle(slot, handle);
        if (handle == TaskValuePool.Overflow)
        {
            overflow = overflow?.With(slot, text) ?? new TaskOverflow().With(slot, text);
        }
    }

    /// <summary>One text of a stored task.</summary>
    public string? Text(in PackedTask packed, TaskText slot, TaskOverflow? overflow)
    {
        var handle = packed.Handle(slot);
        return handle == TaskValuePool.Overflow ? overflow!.Texts[(int)slot] : PoolFor(slot).TextAt(handle);
    }

    private TaskValuePool PoolFor(TaskText slot) => slot is TaskText.ImageUrl or TaskText.AudioUrl or TaskText.RequestId ? links : names;

    /// <summary>The task a stored form describes, with its ids as text again.</summary>
    /// <param name="packed">The stored form.</param>
    /// <param name="overflow">Its values the pool had no room for.</param>
    /// <param name="taskIdText">The task id's text when the caller has it already (saves making it again).</param>
    /// <param name="requestIdText">The request id's text when the caller has it already.</param>
    public EmulatedTask Unpack(in PackedTask packed, TaskOverflow? overflow, string? taskIdText = null, string? requestIdText = null)
    {
        var endpointKey = Text(packed, TaskText.Endpoint, overflow)!;
        var requestId = packed.Handle(TaskText.RequestId) == TaskValuePool.None
            ? requestIdText ?? packed.RequestId.ToString()
            : Text(packed, TaskText.RequestId, overflow)!;
        return new EmulatedTask(
            taskIdText ?? packed.Id.ToString(),
            Text(packed, TaskText.AccountId, overflow)!,
            Text(packed, TaskText.ApiKeyId, overflow)!,
            Text(packed, TaskText.Model, overflow)!,
            requestId,
            packed.Status,
            packed.SubmitTime,
            packed.ScheduledTime,
            packed.EndTime,
            Text(packed, TaskText.ErrorCode, overflow),
            Text(packed, TaskText.ErrorMessage, overflow),
            packed.VideoDurationSeconds,
            packed.RunningDuration,
            Text(packed, TaskText.PlannedFailureCode, overflow),
            Text(packed, TaskText.PlannedFailureMessage, overflow),
            packed.IsHeld,
            Text(packed, TaskText.ImageUrl, overflow),
            Text(packed, TaskText.AudioUrl, overflow))
        {
            Endpoint = EmulatorEndpoint.FromKey(endpointKey),
            MediaSeconds = packed.MediaSeconds == TaskValuePool.Overflow ? overflow!.MediaSeconds : names.SecondsAt(packed.MediaSeconds),
            QueueDelay = packed.QueueDelay,
        };
    }
}
