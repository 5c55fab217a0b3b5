using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DashScope.Reliability.Tests;

/// <summary>
/// A bounded load of concurrent submitters and pollers over several accounts, on a fake
/// clock that a driver moves while they work. Every task reaches exactly one terminal state along a legal
/// path, no task is visible to another account (query or list), and once the tasks are past the 24 h
/// retention the emulator lets go of them (the task records are collected).
/// </summary>
/// <remarks>
/// A fake clock rather than a real one with short durations: retention is the schema's 24 h, which only a
/// fake clock can pass in a test, and a clock the test moves makes the transitions race with requests at a
/// rate we choose instead of at the whim of a shared 2-core machine.
/// </remarks>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Accounts = 6;
    private const int SubmittersPerAccount = 2;
    private const int PollersPerAccount = 2;
    private const int TasksPerSubmitter = 100;
    private const int TotalTasks = Accounts * SubmittersPerAccount * TasksPerSubmitter;
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(90);
    private static readonly string[] Terminal = ["SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"];

    [Fact]
    public async Task Concurrent_submitters_and_pollers_over_six_accounts_end_every_task_once_and_in_isolation()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero));
        await using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.DisableRateLimits = true; // the load measures capacity; throttling has its own tests
            o.QueueDelay = TimeSpan.FromSeconds(1);
            o.RunningBaseDuration = TimeSpan.FromSeconds(1);
            o.RunningSecondsPerAudioSecond = 0;
            o.FailureDuration = TimeSpan.FromMilliseconds(500);
            o.JournalCapacity = 0;
        });
        var keys = Enumerable.Range(0, Accounts).Select(a => new[] { $"sk-load-{a}-first", $"sk-load-{a}-second" }).ToArray();
        for (var a = 0; a < Accounts; a++)
        {
            emulator.AddAccount($"load-{a}", keys[a]);
        }

        var transitions = new ConcurrentDictionary<string, List<TaskTransition>>();
        emulator.TaskTransitioned += (_, t) =>
        {
            var list = transitions.GetOrAdd(t.TaskId, _ => []);
            lock (list)
            {
                list.Add(t);
            }
        };

        var portrait = emulator.SampleUrl(SampleMediaFile.Portrait);
        var noFace = emulator.SampleUrl(SampleMediaFile.NoFaceImage);
        var speech = emulator.SampleUrl(SampleMediaFile.SpeechWav);
        var expected = new ConcurrentDictionary<string, (int Account, string Status)>();
        var pending = Enumerable.Range(0, Accounts).Select(_ => new ConcurrentDictionary<string, byte>()).ToArray();
        var final = new ConcurrentDictionary<string, string>();
        var pollLatencies = new ConcurrentBag<double>();
        var violations = new ConcurrentQueue<string>();
        var submitsDone = 0;
        var polls = 0;
        var crossChecks = 0;
        var listChecks = 0;

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };
        using var limit = new CancellationTokenSource(RealTimeLimit);
        var stopwatch = Stopwatch.StartNew();

        // The driver: moves the clock while anything is left to do.
        var driver = Task.Run(async () =>
        {
            while (final.Count < TotalTasks && !limit.IsCancellationRequested)
            {
                emulator.AdvanceClock(ClockStep);
                await Task.Delay(2);
            }
        });

        var submitters = Enumerable.Range(0, Accounts * SubmittersPerAccount).Select(s => Task.Run(async () =>
        {
            var account = s % Accounts;
            for (var i = 0; i < TasksPerSubmitter && !limit.IsCancellationRequested; i++)
            {
                var key = keys[account][i % 2];
                var fails = i % 10 == 3;
                var body = $$$"""{"model":"liveportrait","input":{"image_url":"{{{(fails ? noFace : portrait)}}}","audio_url":"{{{speech}}}"}}""";
                var (status, json) = await SendAsync(http, HttpMethod.Post, emulator.BaseUrl + "/services/aigc/image2video/video-synthesis/", key, body, limit.Token);
                if (status != 200)
                {
                    violations.Enqueue($"submit answered {status}: {json}");
                    continue;
                }

                var id = json.GetProperty("output").GetProperty("task_id").GetString()!;
                var outcome = fails ? "FAILED" : "SUCCEEDED";
                if (i % 10 == 7)
                {
                    // Cancel with the account's other key; it races the clock, so either answer is legal.
                    var (cancel, _) = await SendAsync(http, HttpMethod.Post, $"{emulator.BaseUrl}/tasks/{id}/cancel", keys[account][(i + 1) % 2], null, limit.Token);
                    outcome = cancel == 200 ? "CANCELED" : outcome;
                }

                if (!expected.TryAdd(id, (account, outcome)))
                {
                    violations.Enqueue($"task id {id} handed out twice");
                }

                pending[account][id] = 0;
                Interlocked.Increment(ref submitsDone);
            }
        }, limit.Token)).ToArray();

        var pollers = Enumerable.Range(0, Accounts * PollersPerAccount).Select(p => Task.Run(async () =>
        {
            var account = p % Accounts;
            var other = (account + 1) % Accounts;
            var random = new Random(p);
            var latency = new Stopwatch();
            while (!limit.IsCancellationRequested && (Volatile.Read(ref submitsDone) < TotalTasks || !pending[account].IsEmpty))
            {
                foreach (var id in pending[account].Keys.Where((_, n) => n % PollersPerAccount == p / Accounts % PollersPerAccount).Take(20))
                {
                    latency.Restart();
                    var (status, json) = await SendAsync(http, HttpMethod.Get, $"{emulator.BaseUrl}/tasks/{id}", keys[account][random.Next(2)], null, limit.Token);
                    latency.Stop();
                    pollLatencies.Add(latency.Elapsed.TotalMilliseconds);
                    var n = Interlocked.Increment(ref polls);
                    var read = status == 200 ? json.GetProperty("output").GetProperty("task_status").GetString()! : $"HTTP {status}";
                    if (Terminal.Contains(read))
                    {
                        if (final.TryGetValue(id, out var before) && before != read)
                        {
                            violations.Enqueue($"{id} read {before} and later {read}");
                        }

                        final[id] = read;
                        pending[account].TryRemove(id, out _);
                    }
                    else if (read is not ("PENDING" or "RUNNING"))
                    {
                        violations.Enqueue($"{id} read {read}");
                    }

                    if (n % 7 == 0 && final.Keys.FirstOrDefault(k => expected.TryGetValue(k, out var e) && e.Account == account) is { } done)
                    {
                        // A finished task reads the same terminal status however often it is asked.
                        var (again, againJson) = await SendAsync(http, HttpMethod.Get, $"{emulator.BaseUrl}/tasks/{done}", keys[account][0], null, limit.Token);
                        var status2 = again == 200 ? againJson.GetProperty("output").GetProperty("task_status").GetString() : $"HTTP {again}";
                        if (status2 != final[done])
                        {
                            violations.Enqueue($"{done} read {final[done]}, then {status2}");
                        }
                    }

                    if (n % 5 == 0 && pending[other].Keys.Concat(final.Keys).FirstOrDefault(k => expected.TryGetValue(k, out var e) && e.Account == other) is { } foreign)
                    {
                        // Another account's task, queried and cancelled with this account's key: it does not exist.
                        Interlocked.Increment(ref crossChecks);
                        var (q, qJson) = await SendAsync(http, HttpMethod.Get, $"{emulator.BaseUrl}/tasks/{foreign}", keys[account][0], null, limit.Token);
                        if (q != 200 || qJson.GetProperty("output").GetProperty("task_status").GetString() != "UNKNOWN" || qJson.GetProperty("output").EnumerateObject().Count() != 2)
                        {
                            violations.Enqueue($"account {account} saw {other}'s task {foreign}: {q} {qJson}");
                        }

                        var (c, cJson) = await SendAsync(http, HttpMethod.Post, $"{emulator.BaseUrl}/tasks/{foreign}/cancel", keys[account][1], null, limit.Token);
                        if (c != 400)
                        {
                            violations.Enqueue($"account {account} cancelled {other}'s task {foreign}: {c} {cJson}");
                        }
                    }

                    if (n % 40 == 0)
                    {
                        Interlocked.Increment(ref listChecks);
                        var (l, list) = await SendAsync(http, HttpMethod.Get, $"{emulator.BaseUrl}/tasks/?page_size=100&page_no={1 + random.Next(3)}", keys[account][random.Next(2)], null, limit.Token);
                        if (l != 200)
                        {
                            violations.Enqueue($"list answered {l}: {list}");
                            continue;
                        }

                        foreach (var item in list.GetProperty("data").EnumerateArray())
                        {
                            var listed = item.GetProperty("task_id").GetString()!;
                            if (item.GetProperty("caller_parent_id").GetString() != $"load-{account}"
                                || (expected.TryGetValue(listed, out var owner) && owner.Account != account))
                            {
                                violations.Enqueue($"account {account} listed {listed} ({item})");
                            }
                        }
                    }
                }

                await Task.Delay(1);
            }
        }, limit.Token)).ToArray();

        await Task.WhenAll(submitters.Concat(pollers).Append(driver)).WaitAsync(RealTimeLimit + TimeSpan.FromSeconds(10));
        stopwatch.Stop();
        Assert.False(limit.IsCancellationRequested, $"The load did not finish within {RealTimeLimit}: {final.Count} of {TotalTasks} tasks ended.");
        Assert.True(violations.IsEmpty, $"{violations.Count} violations, e.g.:\n" + string.Join("\n", violations.Take(10)));

        // Every task ended once, as expected, along a legal path with times that never go back.
        Assert.Equal(TotalTasks, expected.Count);
        Assert.Equal(TotalTasks, final.Count);
        foreach (var (id, (_, status)) in expected)
        {
            Assert.True(status == final[id], $"{id}: expected {status}, read {final[id]}");
            Assert.True(transitions.TryGetValue(id, out var path), $"{id}: no transitions");
            List<TaskTransition> steps;
            lock (path)
            {
                steps = path.ToList();
            }

            var names = string.Join(" ", steps.Select(t => $"{t.From?.ToWireName() ?? "new"}->{t.To.ToWireName()}"));
            var legal = names is "new->PENDING PENDING->RUNNING RUNNING->SUCCEEDED" or "new->PENDING PENDING->RUNNING RUNNING->FAILED" or "new->PENDING PENDING->CANCELED";
            Assert.True(legal, $"{id}: illegal or out-of-order path {names}");
            Assert.Equal(status, steps[^1].To.ToWireName());
            Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First.At <= p.Second.At), $"{id}: transition times go back: {string.Join(", ", steps.Select(t => t.At))}");
        }

        // Retention: past 24 h after the last task ended every task reads UNKNOWN and the emulator drops it.
        var latencies = pollLatencies.OrderBy(l => l).ToArray();
        var p50 = latencies[latencies.Length / 2];
        var p99 = latencies[(int)(latencies.Length * 0.99)];
        var peak = HeapWithEveryTask(emulator, expected.Keys);
        emulator.AdvanceClock(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var after = GcTotal();
        var stillFound = expected.Keys.Count(id => emulator.FindTask(id) is not null);
        var (_, sample) = await SendAsync(http, HttpMethod.Get, $"{emulator.BaseUrl}/tasks/{expected.Keys.First()}", keys[expected.Values.First().Account][0], null, CancellationToken.None);

        var perSecond = TotalTasks / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(
            $"{TotalTasks} tasks, {Accounts} accounts, {Accounts * SubmittersPerAccount} submitters, {Accounts * PollersPerAccount} pollers: {stopwatch.Elapsed.TotalSeconds:F1} s, " +
            $"{perSecond:F0} tasks/s; {polls} polls, p50 {p50:F2} ms, p99 {p99:F2} ms; {crossChecks} cross-account queries+cancels, {listChecks} lists; " +
            $"fake time {clock.GetUtcNow() - new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero)}; managed heap {peak / 1024} KiB with the tasks, {after / 1024} KiB after retention; {stillFound} tasks still found");

        Assert.Equal("UNKNOWN", sample.GetProperty("output").GetProperty("task_status").GetString());
        Assert.Empty(emulator.GetTasks());
        Assert.True(stillFound == 0, $"{stillFound} of {expected.Count} tasks are still found after retention: the emulator never forgets expired tasks.");
        Assert.True(after < peak, $"The heap went from {peak} to {after} bytes once the tasks expired: the space they took was not given back.");
    }

    /// <summary>The managed heap while every task is still kept (each is checked; the records read die in this frame).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long HeapWithEveryTask(LivePortraitEmulator emulator, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            _ = emulator.FindTask(id) ?? throw new InvalidOperationException($"{id} is gone before its retention ended.");
        }

        return GcTotal();
    }

    private static long GcTotal()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<(int Status, JsonElement Json)> SendAsync(HttpClient http, HttpMethod method, string url, string key, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("X-DashScope-Async", "enable");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
