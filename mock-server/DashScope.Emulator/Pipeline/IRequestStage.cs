using DashScope.Emulator.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>One check or step of the request pipeline.</summary>
internal interface IRequestStage
{
    /// <summary>The answer when this stage decides the request; null to pass it to the next stage.</summary>
    ValueTask<Answer?> RunAsync(RequestContext context);
}
