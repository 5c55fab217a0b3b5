using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DashScope.Emulator.Http;

/// <summary>
/// Writes one JSON object answer into a buffer and writer kept per thread and reset between answers, instead of a
/// new pair per answer: every answer of the emulator goes through here.
/// </summary>
internal static class JsonBuffer
{
    private const int MaxRetainedBufferBytes = 64 * 1024;

    // The service writes URLs with a literal '&'; the default encoder would escape it as \u0026.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The bytes of <c>{ … }</c> with the members <paramref name="body"/> writes from <paramref name="state"/>.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.Clear();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        body(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedBufferBytes)
        {
            // A long task list grew it: let that one go rather than keep it per thread.
            t_buffer = null;
            t_writer = null;
        }

        return bytes;
    }
}
