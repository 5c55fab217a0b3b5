using System.Security.Cryptography;
using System.Text;
using System.Xml;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Uploads;

/// <summary>Writes the upload endpoints' answers: object storage's XML errors and empty successes, and DashScope's JSON envelope for the policy call.</summary>
internal sealed class StorageAnswers
{
    private readonly UploadsDescription _uploads;
    private readonly string _hostId;

    public StorageAnswers(UploadsDescription uploads, string hostId)
    {
        _uploads = uploads;
        _hostId = hostId;
    }

    /// <summary>An object-storage error of <paramref name="role"/>, with <c>{condition}</c> or <c>{field}</c> filled in; <paramref name="status"/> replaces the schema's status when given.</summary>
    public Task XmlErrorAsync(HttpContext http, UploadError role, string? detail = null, int? status = null)
    {
        var error = _uploads.Error(role);
        var message = detail is null ? error.Message : error.Message.Replace("{condition}", detail, StringComparison.Ordinal).Replace("{field}", detail, StringComparison.Ordinal);
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", message);
            xml.WriteElementString("RequestId", requestId);
            xml.WriteElementString("HostId", _hostId);
            xml.WriteEndElement();
        }

        http.Response.StatusCode = status ?? error.Status ?? 400;
        http.Response.ContentType = "application/xml";
        http.Response.Headers["x-oss-request-id"] = requestId;
        return http.Response.WriteAsync(text.ToString().Replace("utf-16", "UTF-8", StringComparison.Ordinal));
    }

    /// <summary>A successful upload: the asked-for status, no body.</summary>
    public static Task EmptyAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>A JSON body (the policy answer or DashScope's error envelope).</summary>
    public static Task JsonAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }
}
