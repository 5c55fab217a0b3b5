using DashScope.Contract.Tests.Targets;

namespace DashScope.Contract.Tests;

/// <summary>
/// The same contract against the real DashScope service. Skipped, with the reason, unless
/// DASHSCOPE_API_KEY and DASHSCOPE_CONTRACT_LIVE=1 are set (see <see cref="LiveServiceSettings"/>):
/// it sends real, billed requests.
/// </summary>
[LiveServiceTarget]
public sealed class LiveServiceContract(LiveServiceTarget target) : ContractSuite<LiveServiceTarget>(target);
