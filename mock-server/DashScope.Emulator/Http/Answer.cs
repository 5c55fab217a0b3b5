using System.Text;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace DashScope.Emulator.Http;

/// <summary>What the emulator answers to one request: written to ASP.NET Core's response, or made a WireMock one.</summary>
internal sealed record Answer(int Status, byte[] Body, string ContentType, string? ErrorCode = null, string? TaskId = null)
{
    /// <summary>Headers besides Content-Type (the dashboard's security headers); null for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static Answer Json(int status, byte[] body, string? errorCode = null, string? taskId = null) =>
        new(status, body, "application/json", errorCode, taskId);

    public static Answer Text(int status, string body, string contentType) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>
    /// Writes the status, headers and body, with the body's length (no chunking for a body known in full). A status
    /// that HTTP gives no body (204, 304; 205 with a zero length), as a scripted fault may ask for, is sent without one.
    /// </summary>
    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers ?? [])
        {
            response.Headers.Append(name, value);
        }

        if (Status is 204 or 205 or 304)
        {
            if (Status == 205)
            {
                response.ContentLength = 0;
            }

            return;
        }

        response.ContentType = ContentType;
        response.ContentLength = Body.Length;

        try
        {
            await response.Body.WriteAsync(Body, response.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && response.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-answer; there is nobody to tell.
        }
    }

    /// <summary>The answer as a WireMock response, for the admin path WireMock's mapping answers.</summary>
    public IResponseMessage ToResponseMessage()
    {
        var message = new ResponseMessage
        {
            StatusCode = Status,
            BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = Body },
        };
        message.AddHeader("Content-Type", ContentType);
        foreach (var (name, value) in Headers ?? [])
        {
            message.AddHeader(name, value);
        }

        return message;
    }
}
