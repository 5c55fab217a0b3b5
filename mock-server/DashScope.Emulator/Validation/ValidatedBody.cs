using System.Globalization;
using DashScope.Emulator.Schema;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Validation;

/// <summary>
/// What the handlers read from a request body that passed validation (or failed only on a media URL): the model it
/// names and the URL at each of the operation's media rules, as text. They are picked out once, during validation,
/// so no handler walks the JSON again; explicit nulls read as absent and a blank model as no model, as DashScope
/// reads them.
/// </summary>
internal sealed class ValidatedBody
{
    private readonly string? _text;
    private readonly string?[] _mediaUrls;
    private JObject? _tree;

    private ValidatedBody(string? text, string? model, string?[] mediaUrls, JObject? tree)
    {
        _text = text;
        Model = model;
        _mediaUrls = mediaUrls;
        _tree = tree;
    }

    /// <summary>The body's <c>model</c>, or null when it names none.</summary>
    public string? Model { get; }

    /// <summary>The text at media rule <paramref name="ruleIndex"/>'s path, or null when absent.</summary>
    public string? MediaUrl(int ruleIndex) => _mediaUrls[ruleIndex];

    /// <summary>How many media rules the operation has.</summary>
    public int MediaUrlCount => _mediaUrls.Length;

    /// <summary>An operation without a body: no model, no media.</summary>
    public static ValidatedBody Empty { get; } = new(null, null, [], new JObject());

    /// <summary>The values picked out by the compiled validator.</summary>
    public static ValidatedBody Of(string text, string? model, string?[] mediaUrls) => new(text, model, mediaUrls, null);

    /// <summary>The values of a body already parsed and normalised by the NJsonSchema validator.</summary>
    public static ValidatedBody Of(OperationDefinition operation, JObject normalised)
    {
        var urls = new string?[operation.MediaRules.Count];
        for (var i = 0; i < urls.Length; i++)
        {
            urls[i] = Text(normalised.SelectToken(operation.MediaRules[i].PropertyPath));
        }

        return new ValidatedBody(null, Text(normalised[ProtocolFields.Model]), urls, normalised);
    }

    /// <summary>
    /// The body as a Newtonsoft tree with nulls and a blank model removed, made on first use: nothing in the emulator
    /// needs it per request any more; it stays for code that reads the body as a whole.
    /// </summary>
    public JObject AsTree()
    {
        if (_tree is null)
        {
            var tree = (JObject)JToken.Parse(_text!);
            RequestBodyValidator.Prepare(tree);
            _tree = tree;
        }

        return _tree;
    }

    /// <summary>A scalar as Newtonsoft's <c>(string?)</c> conversion writes it; null for a container, which has no text.</summary>
    internal static string? Text(JToken? token) => token switch
    {
        JValue { Value: null } => null,
        JValue { Value: string s } => s,
        JValue { Value: System.Numerics.BigInteger big } => big.ToString(CultureInfo.InvariantCulture),
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => null,
    };
}
