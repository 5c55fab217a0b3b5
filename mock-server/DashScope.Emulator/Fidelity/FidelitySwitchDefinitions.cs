namespace DashScope.Emulator;

/// <summary>One switch: its choices, and how to read and set it on an <see cref="EmulatorFidelity"/>.</summary>
internal sealed class FidelitySwitchDefinition(
    string name,
    string rationale,
    IReadOnlyList<FidelityChoice> choices,
    Func<EmulatorFidelity, string> read,
    Func<EmulatorFidelity, string, EmulatorFidelity> write)
{
    public string Name => name;

    public IReadOnlyList<FidelityChoice> Choices => choices;

    public FidelitySwitch Describe(EmulatorFidelity fidelity) =>
        new(name, read(EmulatorFidelity.Default), read(fidelity), choices, rationale);

    public EmulatorFidelity Set(EmulatorFidelity fidelity, string choice)
    {
        var match = choices.FirstOrDefault(c => string.Equals(c.Name, choice?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{choice}' is not a choice of {name}. Choices: {string.Join(", ", choices.Select(c => c.Name))}.", nameof(choice));
        return write(fidelity, match.Name);
    }
}

/// <summary>The switches, in the order the catalog lists them. A new switch is one entry here and one property on <see cref="EmulatorFidelity"/>.</summary>
internal static class FidelitySwitchDefinitions
{
    public static IReadOnlyList<FidelitySwitchDefinition> All { get; } =
    [
        Enum(nameof(EmulatorFidelity.UnknownModel),
            "The schema's modelNotFound entry; its note says the service may answer 404 instead.",
            f => f.UnknownModel, (f, v) => f with { UnknownModel = v },
            (UnknownModelBehavior.InvalidParameter400, FidelitySource.Schema, "400 InvalidParameter \"Model not exist.\" (modelNotFound)"),
            (UnknownModelBehavior.ModelNotFound404, FidelitySource.EmulatorDecision, "404 ModelNotFound with the same message")),
        Enum(nameof(EmulatorFidelity.MissingAsyncHeader),
            "The schema's syncNotSupported entry, whose status and code it marks unconfirmed.",
            f => f.MissingAsyncHeader, (f, v) => f with { MissingAsyncHeader = v },
            (MissingAsyncHeaderAnswer.AccessDenied403, FidelitySource.Schema, "403 AccessDenied (syncNotSupported)"),
            (MissingAsyncHeaderAnswer.InvalidParameter400, FidelitySource.ReferenceExample,
                "400 with invalidParameter's code and syncNotSupported's message, as the provider's error list answers a call style a model does not support")),
        Enum(nameof(EmulatorFidelity.MalformedMediaUrl),
            "The schema's invalidUrl error covers a missing, malformed or non-http(s) URL; the reference also lists InvalidURL as a task failure.",
            f => f.MalformedMediaUrl, (f, v) => f with { MalformedMediaUrl = v },
            (MalformedMediaUrlAnswer.RefuseSubmit400, FidelitySource.Schema, "400 InvalidURL on the submit, no task (x-dashscope-errors.invalidUrl)"),
            (MalformedMediaUrlAnswer.FailedTask, FidelitySource.ReferenceExample, "a task that FAILS with InvalidURL (x-dashscope-task-errors.invalidUrl)")),
        Enum(nameof(EmulatorFidelity.MediaProblem),
            "The service fetches the files after accepting the task; the reference's example shows such a FAILED task.",
            f => f.MediaProblem, (f, v) => f with { MediaProblem = v },
            (MediaProblemAnswer.FailedTask, FidelitySource.ReferenceExample, "a task that FAILS with the task error (InputDownloadFailed, UnsupportedFileFormat, ...)"),
            (MediaProblemAnswer.RefuseSubmit400, FidelitySource.EmulatorDecision, "400 with the task error's code and message on the submit, no task")),
        Enum(nameof(EmulatorFidelity.PageSizeOverMaximum),
            "The list query model's page_size maximum; nothing says whether the service refuses or clamps.",
            f => f.PageSizeOverMaximum, (f, v) => f with { PageSizeOverMaximum = v },
            (PageSizeOverMaximum.Refuse400, FidelitySource.Schema, "400 InvalidParamter.OutOfDefinition naming page_size"),
            (PageSizeOverMaximum.ClampToMaximum, FidelitySource.EmulatorDecision, "the page at the maximum size")),
        Enum(nameof(EmulatorFidelity.PageBeyondLast),
            "Nothing public says; an empty page keeps page_no as asked and the total true.",
            f => f.PageBeyondLast, (f, v) => f with { PageBeyondLast = v },
            (PageBeyondLast.EmptyPage, FidelitySource.EmulatorDecision, "an empty page with the asked page_no"),
            (PageBeyondLast.LastPage, FidelitySource.EmulatorDecision, "the last page, with its page_no")),
        Enum(nameof(EmulatorFidelity.Timing),
            "Fixed durations keep tests short and exact; the spread flushes out tests that assume tight timing.",
            f => f.Timing, (f, v) => f with { Timing = v },
            (TimingProfile.Fixed, FidelitySource.EmulatorDecision, "every task takes exactly the configured durations"),
            (TimingProfile.Spread, FidelitySource.EmulatorDecision, "durations times a seeded log-normal factor between e^-1 and e^1")),
        Enum(nameof(EmulatorFidelity.StoredUrlWithoutResolve),
            "The content check is what meets the URL first; the schema keeps the reference's other answer as resolveNotEnabledAlternative.",
            f => f.StoredUrlWithoutResolve, (f, v) => f with { StoredUrlWithoutResolve = v },
            (StoredUrlWithoutResolveAnswer.DataInspection400, FidelitySource.Schema, "400 InvalidParameter.DataInspection (resolveNotEnabled)"),
            (StoredUrlWithoutResolveAnswer.InvalidParameterError400, FidelitySource.ReferenceExample, "400 invalid_parameter_error (resolveNotEnabledAlternative)")),
        Enum(nameof(EmulatorFidelity.UploadCapacityExceeded),
            "The schema's capacityExceeded entry, whose status, code and message it marks unconfirmed.",
            f => f.UploadCapacityExceeded, (f, v) => f with { UploadCapacityExceeded = v },
            (UploadCapacityStatus.Forbidden403, FidelitySource.Schema, "403 QuotaExceeded (capacityExceeded)"),
            (UploadCapacityStatus.TooManyRequests429, FidelitySource.EmulatorDecision, "429 with capacityExceeded's code and message")),
    ];

    private static FidelitySwitchDefinition Enum<T>(
        string name,
        string rationale,
        Func<EmulatorFidelity, T> read,
        Func<EmulatorFidelity, T, EmulatorFidelity> write,
        params (T Value, FidelitySource Source, string Answer)[] choices)
        where T : struct, System.Enum =>
        new(
            name,
            rationale,
            choices.Select(c => new FidelityChoice(c.Value.ToString(), c.Source, c.Answer)).ToList(),
            f => read(f).ToString(),
            (f, choice) => write(f, System.Enum.Parse<T>(choice)));
}
