using DashScope.Emulator.Http;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Pipeline;

/// <summary>Applies every task transition due by now, so the stages after it see the board as of this request.</summary>
internal sealed class BoardCatchUpStage : IRequestStage
{
    private readonly TaskBoard _board;

    public BoardCatchUpStage(TaskBoard board) => _board = board;

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        _board.Pump();
        return ValueTask.FromResult<Answer?>(null);
    }
}
