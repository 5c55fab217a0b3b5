namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>Bodies in the shape of the service's answers.</summary>
public static class Answers
{
    public const string TaskId = "0385dc79-5ff8-4d82-bcb6-5f1d8e1b1b25";

    public const string Submitted =
        $$$"""{"output":{"task_id":"{{{TaskId}}}","task_status":"PENDING"},"request_id":"7574ee8f-38a3-4b1e-9280-11c33ab46e51"}""";

    public const string Succeeded =
        $$$"""{"request_id":"r-s","output":{"task_id":"{{{TaskId}}}","task_status":"SUCCEEDED","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312","end_time":"2025-12-26 11:33:22.455","results":{"video_url":"http://127.0.0.1/result.mp4"}},"usage":{"video_duration":2.79,"video_ratio":"standard"}}""";

    public static string Error(string code) => $$$"""{"code":"{{{code}}}","message":"scripted","request_id":"e-1"}""";
}
