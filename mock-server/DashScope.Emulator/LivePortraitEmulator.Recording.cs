using DashScope.Emulator.Recording;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator;

/// <summary>Recording against an upstream service and replaying a cassette: see <see cref="EmulatorOptions.Recording"/> and <see cref="EmulatorOptions.Replay"/>.</summary>
public sealed partial class LivePortraitEmulator
{
    private RecordingProxy? _proxy;
    private CassettePlayer? _player;

    /// <summary>True when the emulator is a recording proxy (<see cref="EmulatorOptions.Recording"/>).</summary>
    public bool IsRecording => _proxy is not null;

    /// <summary>True when the emulator answers from a cassette (<see cref="EmulatorOptions.Replay"/>).</summary>
    public bool IsReplaying => _player is not null;

    /// <summary>What has been recorded so far, scrubbed, as a cassette; null unless recording.</summary>
    public Cassette? RecordedCassette => _proxy?.Recorder.Snapshot();

    /// <summary>How many requests were recorded so far, polls included; 0 unless recording.</summary>
    public int RecordedRequests => _proxy?.Recorder.Count ?? 0;

    /// <summary>The requests a replay had no recorded answer for, with the error each got; empty unless replaying.</summary>
    public IReadOnlyList<ReplayMiss> ReplayMisses => _player?.Misses ?? [];

    /// <summary>Writes what has been recorded so far to <paramref name="path"/>.</summary>
    /// <param name="path">The cassette file.</param>
    /// <exception cref="InvalidOperationException">The emulator is not recording.</exception>
    public void SaveCassette(string path) =>
        CassetteFile.Save(RecordedCassette ?? throw new InvalidOperationException("The emulator is not recording; set EmulatorOptions.Recording to record."), path);

    private Func<HttpContext, RequestDelegate, Task>? CreateInterceptor(EmulatorOptions options)
    {
        if (options.Recording is not null && options.Replay is not null)
        {
            throw new ArgumentException("An emulator either records (EmulatorOptions.Recording) or replays (EmulatorOptions.Replay), not both.", nameof(options));
        }

        if (options.Recording is { } recording)
        {
            _proxy = new RecordingProxy(recording, Schema, options.MaxRequestBodyBytes);
            return _proxy.InvokeAsync;
        }

        if (options.Replay is { } cassette)
        {
            _player = new CassettePlayer(cassette, Schema, options.TimeProvider);
            return _player.InvokeAsync;
        }

        return null;
    }

    // The cassette is written when the server has stopped, so no exchange is still being added.
    private void StopRecording()
    {
        if (_proxy is null)
        {
            return;
        }

        var path = _proxy.Options.CassettePath;
        var cassette = _proxy.Recorder.Snapshot();
        _proxy.Dispose();
        _proxy = null;
        if (path is not null)
        {
            CassetteFile.Save(cassette, path);
        }
    }
}
