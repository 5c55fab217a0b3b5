namespace DashScope.Toolkit.Tests.Support;

/// <summary>Answer bodies in DashScope's shapes, for scripting.</summary>
public static class Answers
{
    public const string TaskId = "a8532587-fa8c-4ef8-82be-0c46b17950d1";

    public static string Submitted(string taskId = TaskId) =>
        $$$"""{"output":{"task_id":"{{{taskId}}}","task_status":"PENDING"},"request_id":"7574ee8f-38a3-4b1e-9280-11c33ab46e51"}""";

    public static string Pending(string taskId = TaskId) =>
        $$$"""{"request_id":"r-p","output":{"task_id":"{{{taskId}}}","task_status":"PENDING","submit_time":"2025-12-26 11:33:03.146"}}""";

    public static string Running(string taskId = TaskId) =>
        $$$"""{"request_id":"r-r","output":{"task_id":"{{{taskId}}}","task_status":"RUNNING","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312"}}""";

    public static string Succeeded(string taskId = TaskId) =>
        $$$"""{"request_id":"r-s","output":{"task_id":"{{{taskId}}}","task_status":"SUCCEEDED","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312","end_time":"2025-12-26 11:33:22.455","results":{"video_url":"http://127.0.0.1/result.mp4"}},"usage":{"video_duration":2.79,"video_ratio":"standard"}}""";

    public static string Failed(string code, string message, string taskId = TaskId) =>
        $$$"""{"request_id":"r-f","output":{"task_id":"{{{taskId}}}","task_status":"FAILED","code":"{{{code}}}","message":"{{{message}}}"}}""";

    public static string Status(string status, string taskId = TaskId) =>
        $$$"""{"request_id":"r-x","output":{"task_id":"{{{taskId}}}","task_status":"{{{status}}}"}}""";

    public static string Error(string code, string message) =>
        $$$"""{"code":"{{{code}}}","message":"{{{message}}}","request_id":"e-1"}""";
}
