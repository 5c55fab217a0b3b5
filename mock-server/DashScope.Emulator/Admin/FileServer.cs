using System.Net;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Results;
using DashScope.Emulator.Tasks;
using WireMock;

namespace DashScope.Emulator.Admin;

/// <summary>Serves the files under <c>/__emulator/</c>: samples and test files, and result videos behind their signed links.</summary>
internal sealed class FileServer
{
    private readonly MediaLibrary _media;
    private readonly TaskBoard _board;
    private readonly ResultLinks _links;
    private readonly TimeProvider _time;

    public FileServer(MediaLibrary media, TaskBoard board, ResultLinks links, TimeProvider time)
    {
        _media = media;
        _board = board;
        _links = links;
        _time = time;
    }

    public Answer ServeFile(string name) =>
        _media.TryGetFile(name, out var file)
            ? new Answer(200, file.Content, file.ContentType)
            : AdminAnswers.NotFound($"No file '{name}'.");

    /// <summary>
    /// Serves a task's video while its signed URL is valid. Like an expired object-storage link, an
    /// expired or tampered URL answers 403 with an XML error, and an unknown task 404.
    /// </summary>
    public Answer ServeResult(string file, IRequestMessage request)
    {
        var taskId = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : file;
        var now = _time.GetUtcNow();

        // Like object storage, the signature and its expiry are checked before the object is looked up:
        // the task is forgotten when its URL expires (both last 24 h), and that URL must still say 403.
        var expires = AdminAnswers.Query(request, "Expires");
        var signature = AdminAnswers.Query(request, "Signature");
        switch (_links.Check(taskId, expires, signature, now))
        {
            case LinkVerdict.BadSignature:
                return OssError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
            case LinkVerdict.Expired:
                return OssError(403, "AccessDenied", "Request has expired.");
        }

        // A link the emulator signed expires with its task's video (its Expires is the end plus the validity),
        // so a link that passed the check above names a video still served.
        return _board.Find(taskId) is { Status: EmulatedTaskStatus.Succeeded }
            ? new Answer(200, _media.ResultVideo, "video/mp4")
            : OssError(404, "NoSuchKey", "The specified key does not exist.");
    }

    private static Answer OssError(int status, string code, string message) => Answer.Text(
        status,
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error>",
        "application/xml");
}
