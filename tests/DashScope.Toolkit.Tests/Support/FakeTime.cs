using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests.Support;

/// <summary>
/// Drives code that waits on a <see cref="FakeTimeProvider"/>: advances the fake clock in steps until the
/// task ends. The short real yield between steps only lets thread-pool continuations run; all delays in
/// the code under test are fake time.
/// </summary>
public static class FakeTime
{
    public static async Task<T> Drive<T>(Task<T> task, FakeTimeProvider time, TimeSpan step, TimeSpan budget)
    {
        await Drive((Task)task, time, step, budget);
        return await task;
    }

    public static async Task Drive(Task task, FakeTimeProvider time, TimeSpan step, TimeSpan budget)
    {
        var end = time.GetUtcNow() + budget;
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() >= end) { throw new TimeoutException($"The task did not finish within {budget} of fake time."); }
            await Task.WhenAny(task, Task.Delay(1));
            if (task.IsCompleted) { break; }
            time.Advance(step);
        }
        await task.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
