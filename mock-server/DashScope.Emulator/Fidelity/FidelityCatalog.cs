namespace DashScope.Emulator;

/// <summary>Where a choice of a fidelity switch comes from.</summary>
public enum FidelitySource
{
    /// <summary>The schema states it (an error entry, a limit, a default).</summary>
    Schema,

    /// <summary>The provider's reference or one of its examples shows or lists it, without confirming it is what the service always does.</summary>
    ReferenceExample,

    /// <summary>Nothing public says; the emulator chose it.</summary>
    EmulatorDecision,
}

/// <summary>One choice of a fidelity switch.</summary>
/// <param name="Name">The choice's name (its enum member).</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Answer">What the emulator answers with it, in one line.</param>
public sealed record FidelityChoice(string Name, FidelitySource Source, string Answer);

/// <summary>One fidelity switch as the catalog lists it (and <c>GET /__emulator/fidelity</c> answers it).</summary>
/// <param name="Name">The switch's name: its <see cref="EmulatorFidelity"/> property.</param>
/// <param name="Default">The default choice's name.</param>
/// <param name="Current">The choice the emulator described runs with.</param>
/// <param name="Choices">Every choice, the default first.</param>
/// <param name="Rationale">Why the default, in one line.</param>
public sealed record FidelitySwitch(string Name, string Default, string Current, IReadOnlyList<FidelityChoice> Choices, string Rationale)
{
    /// <summary>The names of the choices other than the default.</summary>
    public IReadOnlyList<string> Alternatives => Choices.Where(c => c.Name != Default).Select(c => c.Name).ToList();

    /// <summary>Where the default comes from.</summary>
    public FidelitySource Source => Choices.First(c => c.Name == Default).Source;
}

/// <summary>
/// The machine-readable list of the fidelity switches: for a difference between the emulator and the service, the
/// switch that answers it. The definitions live in <see cref="FidelitySwitchDefinitions"/>.
/// </summary>
public static class FidelityCatalog
{
    /// <summary>Every switch with its default as the current choice.</summary>
    public static IReadOnlyList<FidelitySwitch> Switches { get; } = Describe(EmulatorFidelity.Default);

    /// <summary>Every switch, with <paramref name="fidelity"/>'s choices as the current ones.</summary>
    public static IReadOnlyList<FidelitySwitch> Describe(EmulatorFidelity fidelity)
    {
        ArgumentNullException.ThrowIfNull(fidelity);
        return FidelitySwitchDefinitions.All.Select(d => d.Describe(fidelity)).ToList();
    }

    internal static FidelitySwitchDefinition Find(string switchName) =>
        FidelitySwitchDefinitions.All.FirstOrDefault(d => string.Equals(d.Name, switchName?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"'{switchName}' is not a fidelity switch. Switches: {string.Join(", ", FidelitySwitchDefinitions.All.Select(d => d.Name))}.", nameof(switchName));

    /// <summary>Every switch that has a choice sourced from the reference's examples set to it.</summary>
    internal static EmulatorFidelity ReferenceSide(EmulatorFidelity start) =>
        FidelitySwitchDefinitions.All.Aggregate(start, (fidelity, d) =>
            d.Choices.FirstOrDefault(c => c.Source == FidelitySource.ReferenceExample) is { } reference ? d.Set(fidelity, reference.Name) : fidelity);
}
