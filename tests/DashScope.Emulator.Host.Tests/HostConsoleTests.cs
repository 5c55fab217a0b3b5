using System.Text;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Host.Tests;

/// <summary>Transition lines are printed in order by a background writer, the lines waiting at once in one write.</summary>
public sealed class HostConsoleTests
{
    [Fact]
    public void Transitions_that_wait_for_the_writer_go_out_together_in_order()
    {
        using var emulator = LivePortraitEmulator.Start();
        using var output = new GatedWriter();
        var console = new HostConsole(output, TextWriter.Null);
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        // The first line is held inside its write, so the next 300 wait for the writer meanwhile.
        console.Transition(emulator, new TaskTransition("task-0", "demo", null, EmulatedTaskStatus.Pending, at, null));
        Assert.True(output.FirstWriteStarted.Wait(TimeSpan.FromSeconds(30)), "the writer never started");
        for (var i = 1; i <= 300; i++)
        {
            console.Transition(emulator, new TaskTransition("task-" + i, "demo", EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running, at, null));
        }

        output.Release();
        console.Stopped();

        var lines = output.Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(302, lines.Length);
        Assert.EndsWith("task task-0 (demo): PENDING", lines[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"task task-{i} (demo): PENDING -> RUNNING"), lines[1..301].Select(l => l[(l.IndexOf("task ", StringComparison.Ordinal))..]));
        Assert.Equal("Stopped.", lines[301]);

        // One write for the first line, one for the 300 that waited, one for the last line.
        Assert.Equal(3, output.Writes);
    }

    /// <summary>Counts writes; the first one waits until <see cref="Release"/>.</summary>
    private sealed class GatedWriter : StringWriter
    {
        private readonly ManualResetEventSlim _gate = new(false);
        private int _writes;

        public ManualResetEventSlim FirstWriteStarted { get; } = new(false);

        public int Writes => Volatile.Read(ref _writes);

        public string Text => GetStringBuilder().ToString();

        public void Release() => _gate.Set();

        public override void Write(StringBuilder? value)
        {
            Hold();
            base.Write(value?.ToString());
        }

        public override void WriteLine(string? value)
        {
            Hold();
            base.WriteLine(value);
        }

        private void Hold()
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                FirstWriteStarted.Set();
                _gate.Wait(TimeSpan.FromSeconds(30));
            }
        }

        protected override void Dispose(bool disposing)
        {
            _gate.Dispose();
            FirstWriteStarted.Dispose();
            base.Dispose(disposing);
        }
    }
}
