using DashScope.Contract.Tests.Targets;

namespace DashScope.Contract.Tests;

/// <summary>The contract against the in-process emulator on a fake clock. Always runs.</summary>
public sealed class EmulatorContract(EmulatorTarget target) : ContractSuite<EmulatorTarget>(target);
