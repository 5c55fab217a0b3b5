using System.Text;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Benchmarks;

/// <summary>The ASP.NET Core requests a poll and a submit become, built without a socket for the in-process measurements.</summary>
internal static class PipelineMessages
{
    /// <summary>A fresh request with the demo account's key (plus the JSON and async headers of a submit when it has a body), and an empty response.</summary>
    public static HttpContext Request(Uri url, string method, byte[]? body)
    {
        var http = new DefaultHttpContext();
        var request = http.Request;
        request.Method = method;
        request.Scheme = url.Scheme;
        request.Host = new HostString(url.Authority);
        request.Path = url.AbsolutePath;
        request.Headers.Authorization = "Bearer " + EmulatorOptions.DefaultDemoApiKey;
        if (body is not null)
        {
            request.Headers.ContentType = "application/json";
            request.Headers["X-DashScope-Async"] = "enable";
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body, writable: false);
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>The task id in a submit's answer.</summary>
    public static string TaskIdOf(HttpContext answered)
    {
        var body = ((MemoryStream)answered.Response.Body).ToArray();
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("output").GetProperty("task_id").GetString()
            ?? throw new InvalidOperationException("No task id in " + Encoding.UTF8.GetString(body));
    }
}
