using System.Collections.Concurrent;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>
/// A bounded concurrent load: 50 clients over 10 accounts submit 2,000 tasks while the
/// clock moves; every task reaches exactly one terminal state, none is lost or duplicated, and no
/// account ever has two tasks RUNNING at once.
/// </summary>
public sealed class ConcurrentLoadTests : IClassFixture<ConcurrentLoadTests.LoadFixture>
{
    private const int Clients = 50;
    private const int TasksPerClient = 40;
    private const int Accounts = 10;
    private readonly LoadFixture _fixture;

    public ConcurrentLoadTests(LoadFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task TwoThousandTasksFromFiftyClientsEachEndExactlyOnce()
    {
        var emulator = _fixture.Emulator;
        var transitions = new ConcurrentQueue<TaskTransition>();
        emulator.TaskTransitioned += (_, t) => transitions.Enqueue(t);
        var noFace = emulator.SampleUrl(SampleMediaFile.NoFaceImage);
        var submitted = new ConcurrentDictionary<string, (int Client, string Expected)>();

        using var timeLimit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = Api.Client(emulator, $"sk-load-{c % Accounts}");
            for (var i = 0; i < TasksPerClient; i++)
            {
                timeLimit.Token.ThrowIfCancellationRequested();
                var fails = i % 10 == 3;
                var body = fails
                    ? Api.SynthesisBody(noFace, emulator.SampleUrl(SampleMediaFile.SpeechMp3))
                    : Api.SampleSynthesisBody(emulator);
                var result = await Api.SubmitAsync(client, body);
                Assert.True(result.Status == 200, result.Text);
                var expected = fails ? "FAILED" : "SUCCEEDED";
                if (i % 10 == 7 && (await Api.CancelAsync(client, result.TaskId)).Status == 200)
                {
                    expected = "CANCELED";
                }

                Assert.True(submitted.TryAdd(result.TaskId, (c, expected)), "duplicate task id " + result.TaskId);

                // Let time pass while others are still submitting, so transitions race with requests.
                if (c == 0 && i % 4 == 0)
                {
                    emulator.AdvanceClock(TimeSpan.FromSeconds(3));
                }
            }
        }, timeLimit.Token)).ToArray();
        await Task.WhenAll(clients);
        Assert.Equal(Clients * TasksPerClient, submitted.Count);

        // Advance in large steps, each followed by every client polling its unfinished tasks concurrently.
        var final = new ConcurrentDictionary<string, string>();
        for (var round = 0; round < 20 && final.Count < submitted.Count; round++)
        {
            emulator.AdvanceClock(TimeSpan.FromSeconds(200));
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                using var client = Api.Client(emulator, $"sk-load-{c % Accounts}");
                foreach (var (id, _) in submitted.Where(s => s.Value.Client == c && !final.ContainsKey(s.Key)))
                {
                    var status = (await Api.QueryAsync(client, id)).TaskStatus;
                    if (status is "SUCCEEDED" or "FAILED" or "CANCELED" or "UNKNOWN")
                    {
                        final[id] = status;
                    }
                }
            }, timeLimit.Token)));
        }

        Assert.Equal(submitted.Count, final.Count);
        foreach (var (id, (_, expected)) in submitted)
        {
            Assert.True(expected == final[id], $"{id}: expected {expected}, read {final[id]}");
        }

        // Exactly one terminal transition per task, and it agrees with what the client read.
        var terminal = transitions.Where(t => t.To.IsTerminal()).GroupBy(t => t.TaskId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(submitted.Count, terminal.Count);
        Assert.All(terminal, pair => Assert.Equal(final[pair.Key], Assert.Single(pair.Value).To.ToWireName()));
        Assert.Equal(submitted.Count, transitions.Count(t => t.From is null));

        // Within each account, RUNNING intervals never overlap.
        foreach (var account in emulator.GetTasks().GroupBy(t => t.AccountId))
        {
            var runs = account.Where(t => t.ScheduledTime is not null && t.Status != EmulatedTaskStatus.Canceled)
                .OrderBy(t => t.ScheduledTime).ToList();
            for (var i = 1; i < runs.Count; i++)
            {
                Assert.True(runs[i].ScheduledTime >= runs[i - 1].EndTime, $"overlap in {account.Key}");
            }
        }
    }

    public sealed class LoadFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.DisableRateLimits = true;
            options.JournalCapacity = 1_000;
        }

        protected override void OnStarted(LivePortraitEmulator emulator)
        {
            for (var a = 0; a < Accounts; a++)
            {
                emulator.AddAccount($"load-{a}", $"sk-load-{a}");
            }
        }
    }
}
