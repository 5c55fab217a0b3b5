namespace LivePortrait.Quickstart;

/// <summary>Where the quickstart sends its requests.</summary>
public enum QuickstartTarget
{
    /// <summary>The emulator, started in-process on a loopback port (the default: no key needed).</summary>
    Emulator,

    /// <summary>The real DashScope service; needs DASHSCOPE_API_KEY.</summary>
    Real,
}

/// <summary>Everything the quickstart was asked to do, after parsing the command line.</summary>
public sealed record QuickstartSettings
{
    /// <summary>Where requests go.</summary>
    public QuickstartTarget Target { get; init; } = QuickstartTarget.Emulator;

    /// <summary>An API root to use instead of the default (e.g. a standalone emulator).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The portrait; defaults to the emulator's sample portrait.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The speech; defaults to the emulator's sample WAV.</summary>
    public string? AudioUrl { get; init; }

    /// <summary>A local portrait, uploaded to the temporary storage before it is used.</summary>
    public string? ImagePath { get; init; }

    /// <summary>A local speech file, uploaded to the temporary storage before it is used.</summary>
    public string? AudioPath { get; init; }

    /// <summary>template_id: normal, calm or active.</summary>
    public string? Template { get; init; }

    /// <summary>eye_move_freq, 0 to 1.</summary>
    public double? EyeMoveFrequency { get; init; }

    /// <summary>video_fps, 15 to 30.</summary>
    public int? VideoFps { get; init; }

    /// <summary>mouth_move_strength, 0 to 1.5.</summary>
    public double? MouthMoveStrength { get; init; }

    /// <summary>paste_back.</summary>
    public bool? PasteBack { get; init; }

    /// <summary>head_move_strength, 0 to 1.</summary>
    public double? HeadMoveStrength { get; init; }

    /// <summary>Where the MP4 is written.</summary>
    public string OutputPath { get; init; } = "liveportrait.mp4";

    /// <summary>How long to wait for the task before giving up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Forces plain line output even in a terminal (always plain when output is redirected).</summary>
    public bool Plain { get; init; }
}

/// <summary>The quickstart's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The video was made and saved.</summary>
    public const int Success = 0;

    /// <summary>The service refused a call, the face check failed, or the task ended without a video.</summary>
    public const int Failed = 1;

    /// <summary>The options were wrong, or a local file is missing, unreadable or unusable: nothing was sent.</summary>
    public const int BadOptions = 2;

    /// <summary>The task did not finish in time (it may still finish; its id is printed).</summary>
    public const int TimedOut = 3;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
