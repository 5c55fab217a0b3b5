using System.Globalization;
using System.Text.Json;
using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Answers;

/// <summary>Writes a task time in a schema's format and zone; DashScope's own format digit by digit, any other through the general formatter.</summary>
internal static class TaskTimeText
{
    /// <summary>The instant as text in <paramref name="format"/> at <paramref name="offset"/>.</summary>
    public static string Format(DateTimeOffset instant, string format, TimeSpan offset) =>
        instant.ToOffset(offset).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The format to hand <see cref="Write"/>: null for DashScope's own, which it writes without the general formatter.</summary>
    public static string? Custom(string format) => string.Equals(format, ProtocolFields.TaskTimeFormat, StringComparison.Ordinal) ? null : format;

    /// <summary>Writes the property <paramref name="name"/> with the instant's text in <paramref name="customFormat"/>, or in DashScope's format when it is null.</summary>
    public static void Write(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset instant, string? customFormat, TimeSpan offset)
    {
        if (customFormat is not null)
        {
            w.WriteString(name, Format(instant, customFormat, offset));
            return;
        }

        // Same digits as the custom format yyyy-MM-dd HH:mm:ss.fff, without parsing it or allocating the string.
        var t = instant.ToOffset(offset).DateTime;
        Span<byte> text = stackalloc byte[23];
        Digits(text[..4], t.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = (byte)' ';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), t.Millisecond);
        w.WriteString(name, text);
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
