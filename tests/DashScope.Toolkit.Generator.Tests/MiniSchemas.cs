namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// Small schemas whose lines are easy to count, for diagnostics at exact positions.
/// </summary>
internal static class MiniSchemas
{
    public const string Service = """  "x-dashscope-service": { "name": "Mini", "namespace": "Mini.Api", "baseUrl": "https://example.test/v1" },""";

    public const string Ping = """    "Ping": { "method": "POST", "path": "/ping", "mode": "sync", "model": "ping", "request": "#/definitions/Req", "response": "#/definitions/Res" }""";

    public const string Run = """    "Run": { "method": "POST", "path": "/run", "mode": "async", "model": "run", "request": "#/definitions/Req", "response": "#/definitions/Task", "task": "#/definitions/Task" }""";

    public const string Tasks = """  "x-dashscope-tasks": { "query": { "path": "/tasks/{task_id}" }, "cancel": { "path": "/tasks/{task_id}/cancel", "response": "#/definitions/Res" }, "list": { "path": "/tasks", "response": "#/definitions/Res" }, "terminalStatuses": [ "SUCCEEDED", "FAILED" ], "successStatus": "SUCCEEDED" },""";

    public const string Req = """    "Req": { "type": "object", "properties": { "text": { "type": "string" } } },""";

    public const string Res = """    "Res": { "type": "object", "properties": { "request_id": { "type": "string" } } }""";

    public const string TaskDef = """    "Task": { "type": "object", "required": [ "output" ], "properties": { "output": { "type": "object", "required": [ "task_id", "task_status" ], "properties": { "task_id": { "type": "string" }, "task_status": { "type": "string" } } } } }""";

    /// <summary>
    /// A synchronous schema; <paramref name="req"/> is line 7, the Req definition:
    /// <code>
    /// 1  {
    /// 2    "x-dashscope-service": ...,
    /// 3    "x-dashscope-operations": {
    /// 4      "Ping": ...
    /// 5    },
    /// 6    "definitions": {
    /// 7      "Req": ...,
    /// 8      "Res": ...
    /// 9    }
    /// 10 }
    /// </code>
    /// </summary>
    public static string Sync(string req = Req) => Lines("{", Service, """  "x-dashscope-operations": {""", Ping, "  },", """  "definitions": {""", req, Res, "  }", "}");

    /// <summary>
    /// An asynchronous schema; a null part is left out (and the lines after it move up):
    /// <code>
    /// 1  {
    /// 2    "x-dashscope-service": ...,
    /// 3    "x-dashscope-operations": {
    /// 4      "Run": ...            (one line per operation)
    /// 5    },
    /// 6    "x-dashscope-tasks": ...,
    /// 7    "definitions": {
    /// 8      "Req": ...,
    /// 9      "Res": ...,
    /// 10     "Task": ...
    /// 11   }
    /// 12 }
    /// </code>
    /// </summary>
    public static string Async(string? service = Service, string[]? operations = null, string? tasks = Tasks, string req = Req, string res = Res + ",")
    {
        var lines = new List<string?> { "{", service, """  "x-dashscope-operations": {""" };
        lines.AddRange(operations ?? [Run]);
        lines.AddRange(["  },", tasks, """  "definitions": {""", req, res, TaskDef, "  }", "}"]);
        return Lines(lines.ToArray());
    }

    public static string Lines(params string?[] lines) => string.Join("\n", lines.Where(l => l is not null)) + "\n";
}
