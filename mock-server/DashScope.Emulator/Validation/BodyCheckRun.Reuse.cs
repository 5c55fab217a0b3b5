using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Validation;

/// <summary>
/// The run's reuse: one instance per thread (<see cref="Start"/>), with its path list and its member buffer, so checking
/// a body allocates none of them; and the texts it read that the handlers need, so they are not read twice.
/// </summary>
internal sealed partial class BodyCheckRun
{
    [ThreadStatic]
    private static BodyCheckRun? t_reusable;

    // The members of every object being walked, as a stack: each object's members sit above its parents'.
    private JsonProperty[] _members = new JsonProperty[16];
    private int _memberCount;
    private int _membersUsed;

    private BodyCheckRun()
    {
    }

    /// <summary>The root <c>model</c>'s text, when the walk read it as a string; null otherwise.</summary>
    public string? ModelText { get; private set; }

    /// <summary>The text the walk read at each of the operation's media paths, by rule index; null where it read none.</summary>
    public string?[] MediaTexts { get; private set; } = [];

    /// <summary>This thread's run, cleared for a new body; call <see cref="Finish"/> when done with it.</summary>
    public static BodyCheckRun Start(CompiledOperation operation, UploadsDescription? uploads)
    {
        var run = t_reusable ?? new BodyCheckRun();
        t_reusable = null;
        run._operation = operation;
        run._uploads = uploads;
        run.BestRank = int.MaxValue;
        run.BestParameter = null;
        run.Undecided = false;
        run.ModelText = null;
        run.MediaTexts = operation.MediaPathCount == 0 ? [] : new string?[operation.MediaPathCount];
        return run;
    }

    /// <summary>Hands the run back for the thread's next body, dropping its references to this body's document.</summary>
    public void Finish()
    {
        Array.Clear(_members, 0, _membersUsed);
        _membersUsed = 0;
        _memberCount = 0;
        _path.Clear();
        MediaTexts = [];
        ModelText = null;
        _operation = null!;
        t_reusable = this;
    }

    private int Push(JsonProperty member)
    {
        if (_memberCount == _members.Length)
        {
            Array.Resize(ref _members, _members.Length * 2);
        }

        _members[_memberCount] = member;
        _membersUsed = Math.Max(_membersUsed, _memberCount + 1);
        return _memberCount++;
    }

    /// <summary>Keeps the text read at the model's or a media rule's path, so the handlers' values need no second read.</summary>
    private void Capture(string text)
    {
        if (_path.Count == 1 && string.Equals(_path[0], ProtocolFields.Model, StringComparison.Ordinal))
        {
            ModelText = text;
            return;
        }

        var index = _operation.MediaPathIndex(_path);
        if (index >= 0)
        {
            MediaTexts[index] = text;
        }
    }
}
