using System.Text;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace DashScope.Emulator.Http;

/// <summary>What the emulator answers to one request, before it becomes a WireMock response.</summary>
internal sealed record Answer(int Status, byte[] Body, string ContentType, string? ErrorCode = null, string? TaskId = null)
{
    /// <summary>Headers besides Content-Type (the dashboard's security headers); null for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static Answer Json(int status, byte[] body, string? errorCode = null, string? taskId = null) =>
        new(status, body, "application/json", errorCode, taskId);

    public static Answer Text(int status, string body, string contentType) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType);

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
