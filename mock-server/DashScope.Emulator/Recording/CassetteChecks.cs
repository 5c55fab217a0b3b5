namespace DashScope.Emulator.Recording;

/// <summary>The consistency rules a parsed cassette must meet before anything uses it; each failure names its line.</summary>
internal static class CassetteChecks
{
    public static void Check(Cassette cassette, string name, JsonLineMap lines)
    {
        var ids = new HashSet<int>();
        for (var i = 0; i < cassette.Exchanges.Count; i++)
        {
            var exchange = cassette.Exchanges[i];
            var at = $"$.exchanges[{i}]";
            Require(exchange.Id >= 1 && ids.Add(exchange.Id), name, lines, at + ".id", $"exchange id {exchange.Id} is not a unique number from 1.");
            Require(exchange.At >= 0, name, lines, at + ".at", "\"at\" is negative.");
            Require(exchange.Request is not null, name, lines, at, "has no \"request\".");
            Require(exchange.Response is not null, name, lines, at, "has no \"response\".");
            Require(!string.IsNullOrWhiteSpace(exchange.Request!.Method), name, lines, at + ".request.method", "the request has no method.");
            Require(exchange.Request.Path.StartsWith('/'), name, lines, at + ".request.path", $"the path '{exchange.Request.Path}' does not start with '/'.");
            Require(exchange.Response!.Status is >= 100 and <= 599, name, lines, at + ".response.status", $"{exchange.Response.Status} is not an HTTP status.");
        }

        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cassette.Tasks.Count; i++)
        {
            var task = cassette.Tasks[i];
            var at = $"$.tasks[{i}]";
            Require(!string.IsNullOrWhiteSpace(task.TaskId) && taskIds.Add(task.TaskId), name, lines, at + ".taskId", $"task id '{task.TaskId}' is empty or repeated.");
            Require(ids.Contains(task.SubmittedBy), name, lines, at + ".submittedBy", $"\"submittedBy\" names exchange {task.SubmittedBy}, which the cassette does not have.");
            Require(task.Timeline is not null, name, lines, at, "has no \"timeline\".");
            var previous = 0.0;
            for (var j = 0; j < task.Timeline!.Count; j++)
            {
                var entry = task.Timeline[j];
                var entryAt = $"{at}.timeline[{j}]";
                Require(!string.IsNullOrWhiteSpace(entry.Status), name, lines, entryAt + ".status", "a timeline entry has no status.");
                Require(entry.Response is not null, name, lines, entryAt, "a timeline entry has no \"response\".");
                Require(entry.FirstSeen >= previous && entry.LastSeen >= entry.FirstSeen, name, lines, entryAt + ".firstSeen",
                    $"the timeline goes back in time ({entry.Status} first seen at {entry.FirstSeen} s, last at {entry.LastSeen} s, after {previous} s).");
                previous = entry.LastSeen;
            }
        }
    }

    private static void Require(bool condition, string name, JsonLineMap lines, string path, string problem)
    {
        if (!condition)
        {
            throw new CassetteException(name, lines.LineOf(path), problem);
        }
    }
}
