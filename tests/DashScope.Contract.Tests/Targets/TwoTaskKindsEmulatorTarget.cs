using DashScope.Contract.Tests.Schema;
using DashScope.Emulator;

namespace DashScope.Contract.Tests.Targets;

/// <summary>The in-process emulator started with the two-task test schema (a second synchronous call and a second task kind).</summary>
public sealed class TwoTaskKindsEmulatorTarget : EmulatorTarget
{
    protected override void Configure(EmulatorOptions options) => options.SchemaPath = ContractSchema.TwoTasksPath;
}
