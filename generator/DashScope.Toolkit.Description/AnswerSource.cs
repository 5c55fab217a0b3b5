namespace DashScope.Toolkit.Description;

/// <summary>Where an emulated answer takes the value of a property its type alone cannot give.</summary>
public enum AnswerSourceKind
{
    /// <summary><c>result-url</c>: the signed link to the task's result file (a string).</summary>
    ResultUrl,

    /// <summary><c>input-duration:&lt;request path&gt;</c>: the seconds of the media behind that request field (a number).</summary>
    InputDuration,

    /// <summary><c>face-detected:&lt;request path&gt;</c>: whether the image behind that request field shows a usable face (a boolean).</summary>
    FaceDetected,

    /// <summary><c>face-message:&lt;request path&gt;</c>: why that image failed the face check, empty when it passed (a string).</summary>
    FaceMessage,

    /// <summary><c>value:&lt;text&gt;</c>: this value, read as the property's type (a string, number or boolean).</summary>
    Value,
}

/// <summary>
/// What <c>x-dashscope-answer</c> on a response property says: where an emulator finds the property's value when its
/// type, <c>const</c>, <c>default</c>, first enum value or <c>minimum</c> cannot say it. Clients and the generator
/// ignore it.
/// </summary>
/// <param name="Kind">Where the value comes from.</param>
/// <param name="RequestPath">For the kinds that read a request field: its dotted wire path from the request's root (<c>input.audio_url</c>).</param>
/// <param name="Value">For <see cref="AnswerSourceKind.Value"/>: the value as written.</param>
public sealed record AnswerSource(AnswerSourceKind Kind, string? RequestPath, string? Value)
{
    /// <summary>The keyword's text, e.g. <c>input-duration:input.audio_url</c>.</summary>
    public override string ToString() => AnswerSourceText.Prefix(Kind) + (RequestPath ?? Value ?? string.Empty);
}

/// <summary>The names of <see cref="AnswerSourceKind"/> as the keyword writes them.</summary>
public static class AnswerSourceText
{
    /// <summary>The text a keyword of <paramref name="kind"/> starts with (<c>result-url</c> has nothing after it).</summary>
    /// <param name="kind">The kind.</param>
    public static string Prefix(AnswerSourceKind kind) => kind switch
    {
        AnswerSourceKind.ResultUrl => "result-url",
        AnswerSourceKind.InputDuration => "input-duration:",
        AnswerSourceKind.FaceDetected => "face-detected:",
        AnswerSourceKind.FaceMessage => "face-message:",
        _ => "value:",
    };
}

/// <summary>The answer source of a property (in a file of its own: the rest of the record is in <c>ModelDescription.cs</c>).</summary>
public sealed partial record PropertyDescription
{
    /// <summary>Where an emulated answer takes this property's value (<c>x-dashscope-answer</c>); null when the schema says nothing.</summary>
    public AnswerSource? Answer { get; init; }
}
