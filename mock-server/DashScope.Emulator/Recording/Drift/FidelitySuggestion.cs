using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Recording.Drift;

/// <summary>One switch a cassette suggests flipping, and how many differences the drift check found before and after.</summary>
/// <param name="Switch">The switch's name (<see cref="FidelityCatalog"/>).</param>
/// <param name="Choice">The choice that answers the recording better.</param>
/// <param name="DifferencesBefore">Differences with the switches chosen so far.</param>
/// <param name="DifferencesAfter">Differences with this switch flipped too.</param>
public sealed record FidelityFlip(string Switch, string Choice, int DifferencesBefore, int DifferencesAfter);

/// <summary>
/// The fidelity a cassette suggests: starting from the given options, each switch's other choices are tried in turn
/// against the cassette (a drift check on an in-process emulator on a fake clock) and a choice is kept when it leaves
/// fewer differences. What remains in <see cref="Remaining"/> is drift no switch answers.
/// </summary>
public sealed class FidelitySuggestion
{
    private FidelitySuggestion(EmulatorFidelity fidelity, IReadOnlyList<FidelityFlip> flips, DriftReport remaining)
    {
        Fidelity = fidelity;
        Flips = flips;
        Remaining = remaining;
    }

    /// <summary>The fidelity with every kept flip.</summary>
    public EmulatorFidelity Fidelity { get; }

    /// <summary>The flips kept, in the order they were found.</summary>
    public IReadOnlyList<FidelityFlip> Flips { get; }

    /// <summary>The drift report with <see cref="Fidelity"/>.</summary>
    public DriftReport Remaining { get; }

    /// <summary>
    /// The kept flips as a host settings file (switch name to choice), to run the host with <c>--settings</c>: a preset
    /// recorded from the service.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToSettingsJson() =>
        JsonSerializer.Serialize(Flips.ToDictionary(f => f.Switch, f => f.Choice), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Finds the suggestion.</summary>
    /// <param name="cassette">The recording.</param>
    /// <param name="options">Makes the options every trial emulator starts from (a fresh object each call); its fidelity is the starting point.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The suggestion.</returns>
    public static async Task<FidelitySuggestion> FindAsync(Cassette cassette, Func<EmulatorOptions> options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        ArgumentNullException.ThrowIfNull(options);
        var fidelity = options().Fidelity;
        var best = await TryAsync(cassette, options, fidelity, cancellationToken).ConfigureAwait(false);
        var flips = new List<FidelityFlip>();
        foreach (var candidate in FidelityCatalog.Switches)
        {
            if (!best.HasDrift)
            {
                break;
            }

            var current = FidelityCatalog.Describe(fidelity).First(s => s.Name == candidate.Name).Current;
            foreach (var choice in candidate.Choices.Where(c => c.Name != current))
            {
                var trial = fidelity.With(candidate.Name, choice.Name);
                var report = await TryAsync(cassette, options, trial, cancellationToken).ConfigureAwait(false);
                if (report.Differences.Count < best.Differences.Count)
                {
                    flips.Add(new FidelityFlip(candidate.Name, choice.Name, best.Differences.Count, report.Differences.Count));
                    fidelity = trial;
                    best = report;
                    break;
                }
            }
        }

        return new FidelitySuggestion(fidelity, flips, best);
    }

    private static async Task<DriftReport> TryAsync(Cassette cassette, Func<EmulatorOptions> options, EmulatorFidelity fidelity, CancellationToken cancellationToken)
    {
        var trial = options();
        trial.Fidelity = fidelity;
        trial.Port = 0;
        trial.Recording = null;
        trial.Replay = null;
        trial.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = LivePortraitEmulator.Start(trial);
        using var target = DriftTarget.ForEmulator(emulator);
        return await DriftCheck.RunAsync(cassette, target, emulator.Schema, cancellationToken).ConfigureAwait(false);
    }
}
