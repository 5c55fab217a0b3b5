using DashScope.Emulator.Control;

namespace DashScope.Emulator;

/// <summary>The fidelity switches the emulator runs with, as the control surface and <c>GET /__emulator/fidelity</c> show them.</summary>
public sealed partial class LivePortraitEmulator
{
    /// <summary>The switches this emulator was started with (later changes to <see cref="Options"/> do not apply).</summary>
    public EmulatorFidelity Fidelity { get; }

    /// <summary>Every fidelity switch with its default, its choices and their sources, and this emulator's current choice.</summary>
    public FidelityReport FidelityReport => new(FidelityCatalog.Describe(Fidelity), EmulatorFidelity.PresetNames, Fidelity.TimingSeed);
}
