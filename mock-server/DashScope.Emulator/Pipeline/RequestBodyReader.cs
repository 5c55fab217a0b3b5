using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Reads a request's body as UTF-8 text, only as far as the size limit: one whose Content-Length is over it is not
/// read at all, and one sent without a length (chunked) is given up on as soon as the bytes read pass it, so an endless
/// body is never buffered. Either way, and for a body Kestrel cannot read, the context is marked refused.
/// </summary>
/// <remarks>
/// The pipeline reads the body before its first stage because Kestrel cannot read it once the client has gone: a client
/// that times out while a delay fault holds its submit has already sent its body, and the task is still made, as the
/// service would make it. Bodies of GET, HEAD, TRACE and CONNECT requests are not read (none of the service's operations
/// take one there), and an empty body of the other methods is empty text, not a missing one. Bytes that are not UTF-8
/// become U+FFFD, so the body check answers them as text that is not JSON.
/// </remarks>
internal static class RequestBodyReader
{
    /// <summary>Sets <see cref="RequestContext.Body"/>, or <see cref="RequestContext.BodyRefused"/>; leaves both unset for a method without a body.</summary>
    public static ValueTask ReadAsync(RequestContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            context.BodyRefused = true;
            return ValueTask.CompletedTask;
        }

        return HasBodySemantics(request.Method) ? ReadAsync(context, request.BodyReader, maxBytes) : ValueTask.CompletedTask;
    }

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
