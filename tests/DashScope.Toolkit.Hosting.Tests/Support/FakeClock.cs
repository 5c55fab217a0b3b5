using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>Moves a fake clock while the code under test waits on it, so retry delays pass without real waiting.</summary>
public static class FakeClock
{
    /// <summary>Real time after which a drive gives up, so a test that would hang fails instead.</summary>
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Advances <paramref name="clock"/> by <paramref name="step"/> at a time until <paramref name="work"/> ends.</summary>
    public static async Task<T> Drive<T>(FakeTimeProvider clock, Task<T> work, TimeSpan? step = null)
    {
        var real = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            // A real millisecond lets continuations run; the waiting itself happens on the fake clock.
            await Task.WhenAny(work, Task.Delay(1));
            if (work.IsCompleted) { break; }
            if (real.Elapsed > RealTimeLimit) { throw new TimeoutException($"Still running after {RealTimeLimit} of real time."); }
            clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }
        return await work;
    }

    /// <inheritdoc cref="Drive{T}"/>
    public static Task Drive(FakeTimeProvider clock, Task work, TimeSpan? step = null) =>
        Drive(clock, work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step);
}
