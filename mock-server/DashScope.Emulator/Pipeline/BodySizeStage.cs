using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Reads the body as UTF-8 text before any stage runs, and refuses one over the size limit (400 invalid parameter) in
/// its own turn: at once when its Content-Length says so, without reading it; when it is sent without a length
/// (chunked), as soon as the bytes read pass the limit, so an endless body is never buffered.
/// </summary>
/// <remarks>
/// The body is read first because Kestrel cannot read it once the client has gone: a client that times out while a
/// delay fault holds its submit has already sent its body, and the task is still made, as the service would make it.
/// Bodies of GET, HEAD, TRACE and CONNECT requests are not read (none of the service's operations take one there), and
/// an empty body of the other methods is empty text, not a missing one: the emulator has always answered them so.
/// Bytes that are not UTF-8 become U+FFFD, so the body check answers them as text that is not JSON.
/// </remarks>
internal sealed class BodySizeStage : IRequestStage
{
    private readonly long _maxBytes;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public BodySizeStage(long maxBytes, LivePortraitSchema schema, DashScopeJson json)
    {
        _maxBytes = maxBytes;
        _schema = schema;
        _json = json;
    }

    /// <summary>Reads the body, or notes why it was not read; called by the pipeline before its first stage.</summary>
    public ValueTask ReadAsync(RequestContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _maxBytes)
        {
            context.BodyRefused = true;
            return ValueTask.CompletedTask;
        }

        return HasBodySemantics(request.Method) ? ReadAsync(context, request.BodyReader, _maxBytes) : ValueTask.CompletedTask;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context) =>
        ValueTask.FromResult(context.BodyRefused ? _json.ErrorAnswer(_schema.Error(ProtocolError.InvalidParameter), context.RequestId) : null);

    private static bool HasBodySemantics(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsTrace(method) || HttpMethods.IsConnect(method));

    private static async ValueTask ReadAsync(RequestContext context, PipeReader reader, long maxBytes)
    {
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync().ConfigureAwait(false);
            }
            catch (BadHttpRequestException) when (!context.IsAborted)
            {
                // A body Kestrel cannot read (broken chunking, a length it never reaches) is a bad request, not a bug.
                context.BodyRefused = true;
                return;
            }

            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                context.BodyRefused = true;
                return;
            }

            if (read.IsCanceled)
            {
                throw new OperationCanceledException("The body read was cancelled before the body ended.");
            }

            if (read.IsCompleted)
            {
                context.Body = Encoding.UTF8.GetString(buffer);
                reader.AdvanceTo(buffer.End);
                return;
            }

            // Nothing consumed, everything examined: the next read returns once more bytes arrive.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
