namespace DashScope.Emulator;

/// <summary>
/// Every behaviour the public reference leaves unconfirmed, one switch each, in one place. The defaults are the
/// emulator's answers as they always were; <see cref="FidelityCatalog"/> lists each switch with its choices, where
/// each choice comes from and why the default was chosen. Immutable: change a switch with <c>with</c>, or start
/// from a preset (<see cref="Preset(string)"/>).
/// </summary>
public sealed record EmulatorFidelity
{
    /// <summary>The name of the preset that is every switch's default.</summary>
    public const string DefaultPresetName = "default";

    /// <summary>The name of the preset that takes, for every switch, the choice the provider's reference or its examples show.</summary>
    public const string ReferenceExamplePresetName = "reference-example";

    /// <summary>Every switch at its default: the emulator's behaviour before the switches existed.</summary>
    public static EmulatorFidelity Default { get; } = new();

    /// <summary>
    /// Every switch on the side its catalog entry sources from the reference's examples; a switch without such a
    /// choice keeps its default.
    /// </summary>
    public static EmulatorFidelity ReferenceExample { get; } = FidelityCatalog.ReferenceSide(Default);

    /// <summary>The names <see cref="Preset(string)"/> accepts.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = [DefaultPresetName, ReferenceExamplePresetName];

    /// <summary>The answer to an unknown model name.</summary>
    public UnknownModelBehavior UnknownModel { get; init; } = UnknownModelBehavior.InvalidParameter400;

    /// <summary>The answer to a submit without the async header.</summary>
    public MissingAsyncHeaderAnswer MissingAsyncHeader { get; init; } = MissingAsyncHeaderAnswer.AccessDenied403;

    /// <summary>The answer to a submit whose media URL is missing, malformed or not http(s).</summary>
    public MalformedMediaUrlAnswer MalformedMediaUrl { get; init; } = MalformedMediaUrlAnswer.RefuseSubmit400;

    /// <summary>The answer to a submit whose media cannot be downloaded or breaks a media limit.</summary>
    public MediaProblemAnswer MediaProblem { get; init; } = MediaProblemAnswer.FailedTask;

    /// <summary>The task list's answer to a <c>page_size</c> over the maximum.</summary>
    public PageSizeOverMaximum PageSizeOverMaximum { get; init; } = PageSizeOverMaximum.Refuse400;

    /// <summary>The task list's answer to a <c>page_no</c> past the last page.</summary>
    public PageBeyondLast PageBeyondLast { get; init; } = PageBeyondLast.EmptyPage;

    /// <summary>Fixed task durations, or a seeded spread around them.</summary>
    public TimingProfile Timing { get; init; } = TimingProfile.Fixed;

    /// <summary>The seed of <see cref="TimingProfile.Spread"/>: the same seed and the same submits give the same timelines. Default 1.</summary>
    public int TimingSeed { get; init; } = 1;

    /// <summary>The answer to a stored-file URL sent without the resolve header.</summary>
    public StoredUrlWithoutResolveAnswer StoredUrlWithoutResolve { get; init; } = StoredUrlWithoutResolveAnswer.DataInspection400;

    /// <summary>The status of an upload over the account's daily capacity.</summary>
    public UploadCapacityStatus UploadCapacityExceeded { get; init; } = UploadCapacityStatus.Forbidden403;

    /// <summary>The preset called <paramref name="name"/> (case ignored).</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the names.</exception>
    public static EmulatorFidelity Preset(string name) =>
        string.Equals(name?.Trim(), DefaultPresetName, StringComparison.OrdinalIgnoreCase) ? Default
        : string.Equals(name?.Trim(), ReferenceExamplePresetName, StringComparison.OrdinalIgnoreCase) ? ReferenceExample
        : throw new ArgumentException($"'{name}' is not a fidelity preset. Presets: {string.Join(", ", PresetNames)}.", nameof(name));

    /// <summary>This fidelity with the switch called <paramref name="switchName"/> set to the choice called <paramref name="choice"/> (case ignored).</summary>
    /// <exception cref="ArgumentException">No such switch, or no such choice; the message lists what is allowed.</exception>
    public EmulatorFidelity With(string switchName, string choice) => FidelityCatalog.Find(switchName).Set(this, choice);
}
