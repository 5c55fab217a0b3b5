using System.Globalization;

namespace DashScope.Emulator.Host.Settings;

/// <summary>
/// The host settings of the emulator's fidelity: the preset, one setting per switch of <see cref="FidelityCatalog"/>
/// (made from the catalog, so a new switch needs no code here), and the timing seed. <c>UnknownModel</c> keeps its
/// older 400|404 setting in <see cref="HostSettingCatalog"/>.
/// </summary>
internal static class FidelitySettings
{
    /// <summary>The settings, preset first.</summary>
    public static IReadOnlyList<HostSetting> All { get; } =
    [
        new("Fidelity", string.Join("|", EmulatorFidelity.PresetNames),
            $"Fidelity preset the switches below start from; '{EmulatorFidelity.ReferenceExamplePresetName}' takes every answer the reference's examples show. A switch set on its own beats the preset.",
            EmulatorFidelity.DefaultPresetName, SettingShape.Value, (s, v, _) => s with { FidelityPreset = Preset(v) }),
        .. FidelityCatalog.Switches.Where(s => s.Name != nameof(EmulatorFidelity.UnknownModel)).Select(Switch),
        new("TimingSeed", "integer", "Seed of the Spread timing profile: the same seed and the same submits give the same timelines.",
            EmulatorFidelity.Default.TimingSeed.ToString(CultureInfo.InvariantCulture), SettingShape.Value, (s, v, _) => s with { TimingSeed = Seed(v) }),
    ];

    private static HostSetting Switch(FidelitySwitch fidelitySwitch) => new(
        fidelitySwitch.Name,
        string.Join("|", fidelitySwitch.Choices.Select(c => c.Name)),
        string.Join("; ", fidelitySwitch.Choices.Select(c => $"{c.Name}: {c.Answer} ({Words(c.Source)})")) + ".",
        fidelitySwitch.Default,
        SettingShape.Value,
        (s, v, _) => s.Choosing(fidelitySwitch.Name, Choice(fidelitySwitch, v)));

    private static string Choice(FidelitySwitch fidelitySwitch, string value) =>
        fidelitySwitch.Choices.FirstOrDefault(c => string.Equals(c.Name, value.Trim(), StringComparison.OrdinalIgnoreCase))?.Name
        ?? throw new FormatException($"'{value}' is not one of {string.Join(", ", fidelitySwitch.Choices.Select(c => c.Name))}.");

    private static string Preset(string value) =>
        EmulatorFidelity.PresetNames.FirstOrDefault(p => string.Equals(p, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"'{value}' is not a preset: {string.Join(", ", EmulatorFidelity.PresetNames)}.");

    private static int Seed(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new FormatException($"'{value}' is not a whole number.");

    private static string Words(FidelitySource source) => source switch
    {
        FidelitySource.Schema => "schema",
        FidelitySource.ReferenceExample => "reference example",
        _ => "emulator decision",
    };
}
