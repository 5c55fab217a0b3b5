using System.Globalization;
using System.Text.Json;
using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Validation;

/// <summary>One operation's compiled checks, and the paths of the values its handlers read.</summary>
internal sealed class CompiledOperation
{
    private static readonly string[] ModelPath = [ProtocolFields.Model];

    private readonly string[][] _mediaPaths;

    public CompiledOperation(OperationDefinition operation, ObjectCheck check)
    {
        Operation = operation;
        Check = check;
        _mediaPaths = operation.MediaRules.Select(r => r.PropertyPath.Split('.')).ToArray();
    }

    public OperationDefinition Operation { get; }

    public ObjectCheck Check { get; }

    /// <summary>How many media rules the operation has.</summary>
    public int MediaPathCount => _mediaPaths.Length;

    /// <summary>The media rule whose property path is <paramref name="path"/>, or -1.</summary>
    public int MediaPathIndex(List<string> path)
    {
        for (var i = 0; i < _mediaPaths.Length; i++)
        {
            var candidate = _mediaPaths[i];
            if (candidate.Length != path.Count)
            {
                continue;
            }

            var same = true;
            for (var j = 0; j < candidate.Length && same; j++)
            {
                same = string.Equals(candidate[j], path[j], StringComparison.Ordinal);
            }

            if (same)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The handlers' values: the texts <paramref name="run"/> already read where it read them, the rest looked up.</summary>
    public ValidatedBody Values(string text, JsonElement root, BodyCheckRun run)
    {
        string? model;
        if (run.ModelText is { } modelText)
        {
            // The walk only keeps a model it did not find blank.
            model = modelText;
        }
        else
        {
            var modelValue = Lookup(root, ModelPath);
            model = Text(modelValue);
            if (modelValue is { ValueKind: JsonValueKind.String } && string.IsNullOrWhiteSpace(model))
            {
                // A blank model is no model.
                model = null;
            }
        }

        var urls = run.MediaTexts.Length == _mediaPaths.Length ? run.MediaTexts : new string?[_mediaPaths.Length];
        for (var i = 0; i < urls.Length; i++)
        {
            urls[i] ??= Text(Lookup(root, _mediaPaths[i]));
        }

        return ValidatedBody.Of(text, model, urls);
    }

    /// <summary>The last member at the dotted path, as Newtonsoft keeps the last of repeated names; null values are absent.</summary>
    private static JsonElement? Lookup(JsonElement element, string[] path)
    {
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement? found = null;
            foreach (var member in element.EnumerateObject())
            {
                if (member.NameEquals(segment))
                {
                    found = member.Value;
                }
            }

            if (found is not { ValueKind: not JsonValueKind.Null } next)
            {
                return null;
            }

            element = next;
        }

        return element;
    }

    /// <summary>A scalar as Newtonsoft's <c>(string?)</c> conversion writes it; null for a container.</summary>
    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.True } => bool.TrueString,
        { ValueKind: JsonValueKind.False } => bool.FalseString,
        { ValueKind: JsonValueKind.Number } value => NumberText(value),
        _ => null,
    };

    private static string NumberText(JsonElement value)
    {
        if (value.TryGetInt64(out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        var raw = value.GetRawText();
        return BodyCheckRun.IsIntegerText(raw)
            ? (raw[0] == '-' ? long.MinValue : long.MaxValue).ToString(CultureInfo.InvariantCulture)
            : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
