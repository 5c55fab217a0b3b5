using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;

namespace DashScope.Contract.Tests.Described;

/// <summary>The schema-derived scenarios against the in-process emulator. Always runs.</summary>
public sealed class EmulatorDescribedOperations(EmulatorTarget target) : DescribedOperationsSuite<EmulatorTarget>(target, ContractSchema.Repository);

/// <summary>The schema-derived scenarios against the real service; skipped, with the reason, unless the live run is opted into.</summary>
[LiveServiceTarget]
public sealed class LiveServiceDescribedOperations(LiveServiceTarget target) : DescribedOperationsSuite<LiveServiceTarget>(target, ContractSchema.Repository);

/// <summary>The schema-derived scenarios against the emulator started with the two-task schema, judged by that schema. Always runs.</summary>
public sealed class TwoTaskKindsDescribedOperations(TwoTaskKindsEmulatorTarget target) : DescribedOperationsSuite<TwoTaskKindsEmulatorTarget>(target, ContractSchema.TwoTasks);
