using System.Text;
using Xunit.Sdk;

namespace DashScope.Contract.Tests.Schema;

/// <summary>Every answer a test saw, and the assertion that none of them broke the schema.</summary>
public sealed class AnswerLog
{
    private readonly List<RecordedAnswer> _answers = [];
    private int _asserted;

    public IReadOnlyList<RecordedAnswer> Answers
    {
        get
        {
            lock (_answers)
            {
                return _answers.ToList();
            }
        }
    }

    /// <summary>True when some answers have not been through <see cref="AssertAllValid"/> yet.</summary>
    public bool HasUnasserted
    {
        get
        {
            lock (_answers)
            {
                return _asserted < _answers.Count;
            }
        }
    }

    public void Add(RecordedAnswer answer)
    {
        lock (_answers)
        {
            _answers.Add(answer);
        }
    }

    /// <summary>
    /// Fails, naming each call, definition, field path and kind of violation, if any answer so far broke
    /// the schema; also fails when an answer that must match a definition was not JSON.
    /// </summary>
    public void AssertAllValid()
    {
        List<RecordedAnswer> broken;
        lock (_answers)
        {
            broken = _answers.Where(a => a.Violations.Count > 0).ToList();
            _asserted = _answers.Count;
        }

        if (broken.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"{broken.Count} answer(s) do not match schema/liveportrait.schema.json:");
        foreach (var answer in broken)
        {
            message.AppendLine().Append("  ").Append(answer).Append(':');
            foreach (var violation in answer.Violations)
            {
                message.AppendLine().Append("    ").Append(violation);
            }

            var body = answer.Body.Length > 400 ? answer.Body[..400] + "…" : answer.Body;
            message.AppendLine().Append("    body: ").Append(body);
        }

        throw new XunitException(message.ToString());
    }

    /// <summary>Fails unless at least one answer was judged by <paramref name="definition"/> (proves the check ran).</summary>
    public void AssertSaw(string definition, int? status = null)
    {
        var seen = Answers.Any(a => a.Definition == definition && (status is null || a.Status == status));
        Assert.True(seen, $"No answer was validated as {definition}{(status is null ? "" : $" with status {status}")}. Saw: {string.Join("; ", Answers)}");
    }
}
