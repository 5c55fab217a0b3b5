using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Tests.Validation;

/// <summary>
/// Seeded request bodies for an operation, built from its description: valid ones (required fields, some optional
/// ones, values inside their rules) and broken ones (one to three mutations of a valid body: wrong types, numbers out
/// of range, wrong enum values, bad URLs, missing required fields, extra fields, nulls, deep nesting, non-object roots,
/// repeated names, malformed text, date-like and odd strings).
/// </summary>
internal sealed class BodyGenerator
{
    private static readonly string[] BadUrls =
    [
        "ftp://example.com/a.png", "not a url", "http://", "https://", "oss://", "oss://bucket/key.png", "https://exa mple.com/a.png",
        "HTTPS://EXAMPLE.COM/A.PNG", "/relative/path.png", "http://[::1", "https://example.com/a.png ", " https://example.com/a.png",
        "https://example.com/\u00e9.png", "javascript:alert(1)", "", "   ", "hTtP://x", "oss:/bucket", "OSS://bucket/key",
    ];

    private static readonly string[] OddStrings =
    [
        "", " ", "\t", "bogus", "NORMAL", "normal ", "2024-01-02T03:04:05", "2024-01-02T03:04:05.123+08:00", "/Date(1234567890)/",
        "1", "True", "null", "{}", "[]", "\u00e9", "liveportrait ", "LivePortrait", "\\", "\"",
    ];

    private readonly EndpointDescription _description;
    private readonly Random _random;

    public BodyGenerator(EndpointDescription description, int seed)
    {
        _description = description;
        _random = new Random(seed);
    }

    /// <summary>A body that keeps every rule of the operation's request model.</summary>
    public JsonObject Valid(OperationDescription operation) => (JsonObject)ValidObject(_description.Model(operation.RequestModel!), depth: 0);

    /// <summary>A valid body changed by one to three mutations, as text (some mutations only exist as text).</summary>
    public string Broken(OperationDescription operation)
    {
        var body = Valid(operation);
        var textMutation = _random.Next(8) == 0;
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            MutateTree(body, operation);
        }

        var text = body.ToJsonString();
        return textMutation ? MutateText(text) : text;
    }

    private JsonNode ValidObject(ModelDescription model, int depth)
    {
        var result = new JsonObject();
        foreach (var property in model.Properties)
        {
            if (property.Required || (_random.Next(3) != 0 && result.Count < (model.MaxProperties ?? int.MaxValue) - model.Properties.Count(p => p.Required)))
            {
                result[property.WireName] = ValidValue(property.Type, depth + 1);
            }
        }

        return result;
    }

    private JsonNode? ValidValue(ValueDescription type, int depth)
    {
        var rules = type.Rules;
        switch (type.Kind)
        {
            case ValueKind.String or ValueKind.Time:
                if (rules.AllowedValues.Count > 0)
                {
                    return rules.AllowedValues[_random.Next(rules.AllowedValues.Count)];
                }

                var url = (_random.Next(2) == 0 ? "https://example.com/media/" : "http://cdn.example.com/x/") + _random.Next(1000).ToString(CultureInfo.InvariantCulture) + ".png";
                string[] candidates = rules.IsUri ? [url] : [url, "abc", "text-" + _random.Next(100).ToString(CultureInfo.InvariantCulture)];
                return candidates.First(c => (rules.Pattern is null || System.Text.RegularExpressions.Regex.IsMatch(c, rules.Pattern))
                    && c.Length >= (rules.MinLength ?? 0) && c.Length <= (rules.MaxLength ?? int.MaxValue));
            case ValueKind.Enum:
                var values = _description.Model(type.ModelName!).EnumValues;
                return values[_random.Next(values.Count)];
            case ValueKind.Number:
            {
                var (min, max) = Bounds(rules, 0, 10);
                var value = min + (_random.NextDouble() * (max - min));
                if (rules.MultipleOf is { } multiple)
                {
                    var step = double.Parse(multiple, CultureInfo.InvariantCulture);
                    value = Math.Ceiling(min / step) * step;
                }

                return _random.Next(4) == 0 ? JsonValue.Create(Math.Round(value)) : JsonValue.Create(Math.Round(value, 3));
            }

            case ValueKind.Integer or ValueKind.LongInteger or ValueKind.EpochTime:
            {
                var (min, max) = Bounds(rules, 0, 100);
                var low = (long)Math.Ceiling(min + (rules.ExclusiveMinimum ? 1 : 0));
                var high = (long)Math.Floor(max - (rules.ExclusiveMaximum ? 1 : 0));
                var value = low + (long)(_random.NextDouble() * (high - low));
                if (rules.MultipleOf is { } multiple)
                {
                    var step = long.Parse(multiple, CultureInfo.InvariantCulture);
                    value = (long)Math.Ceiling(low / (double)step) * step;
                }

                return JsonValue.Create(value);
            }

            case ValueKind.Boolean:
                return _random.Next(2) == 0;
            case ValueKind.Object:
                return ValidObject(_description.Model(type.ModelName!), depth);
            case ValueKind.Array:
            {
                var array = new JsonArray();
                var count = (rules.MinItems ?? 0) + _random.Next(Math.Max(1, (rules.MaxItems ?? 3) - (rules.MinItems ?? 0) + 1));
                for (var i = 0; i < count; i++)
                {
                    array.Add(type.Item is { } item ? ValidValue(item, depth + 1) : JsonValue.Create(i));
                }

                return array;
            }

            default:
                return "anything";
        }
    }

    private static (double Min, double Max) Bounds(ValueRules rules, double defaultMin, double span)
    {
        var min = rules.Minimum is { } a ? double.Parse(a, CultureInfo.InvariantCulture) : defaultMin;
        var max = rules.Maximum is { } b ? double.Parse(b, CultureInfo.InvariantCulture) : min + span;
        return (min, max);
    }

    private void MutateTree(JsonObject body, OperationDescription operation)
    {
        // Pick an object of the body (the root or a nested one) and a member of it.
        var objects = new List<(JsonObject Node, ModelDescription? Model)>();
        Collect(body, _description.Model(operation.RequestModel!), objects);
        var (target, model) = objects[_random.Next(objects.Count)];
        var declared = model?.Properties.Select(p => p.WireName).ToList() ?? [];
        var name = declared.Count > 0 && _random.Next(5) != 0 ? declared[_random.Next(declared.Count)] : "extra_" + _random.Next(3).ToString(CultureInfo.InvariantCulture);
        var property = model?.Property(name);

        switch (_random.Next(14))
        {
            case 0:
                target.Remove(name);
                break;
            case 1:
                target[name] = null;
                break;
            case 2 or 3:
                target[name] = AnyValue(depth: 0);
                break;
            case 4 or 12 or 13:
                target[name] = OutOfRange(property?.Type);
                break;
            case 5:
                target[name] = OddStrings[_random.Next(OddStrings.Length)];
                break;
            case 6:
                target[name] = BadUrls[_random.Next(BadUrls.Length)];
                break;
            case 7:
                target[name] = Deep(_random.Next(1, 80));
                break;
            case 8:
                target["extra_" + _random.Next(100).ToString(CultureInfo.InvariantCulture)] = AnyValue(depth: 0);
                break;
            case 9:
                // Replace a whole nested value with a container of the other kind, or a scalar.
                target[name] = _random.Next(2) == 0 ? new JsonArray(AnyValue(0), AnyValue(0)) : new JsonObject { ["x"] = AnyValue(0) };
                break;
            case 10 when property?.Type.Kind == ValueKind.Array:
                target[name] = new JsonArray(AnyValue(0), null, AnyValue(0));
                break;
            default:
                target.Remove(name);
                target[name] = property is null ? AnyValue(0) : ValidValue(property.Type, 1);
                break;
        }
    }

    private void Collect(JsonObject node, ModelDescription? model, List<(JsonObject, ModelDescription?)> into)
    {
        into.Add((node, model));
        foreach (var (name, value) in node)
        {
            var property = model?.Property(name);
            if (value is JsonObject child)
            {
                Collect(child, property?.Type.Kind == ValueKind.Object ? _description.FindModel(property.Type.ModelName) : null, into);
            }
            else if (value is JsonArray array && property?.Type.Item is { Kind: ValueKind.Object } item)
            {
                foreach (var element in array.OfType<JsonObject>())
                {
                    Collect(element, _description.FindModel(item.ModelName), into);
                }
            }
        }
    }

    private JsonNode? OutOfRange(ValueDescription? type)
    {
        var rules = type?.Rules ?? ValueRules.None;
        var choices = new List<Func<JsonNode?>>
        {
            () => JsonValue.Create(1e30),
            () => JsonValue.Create(-1e30),
            () => JsonValue.Create(1.5),
            () => JsonValue.Create(0.1),
            () => JsonValue.Create(long.MaxValue),
            () => JsonNode.Parse("123456789012345678901234567890"),
            () => JsonNode.Parse("-123456789012345678901234567890"),
            () => JsonNode.Parse("1e400"),
            () => JsonNode.Parse("-0"),
            () => JsonNode.Parse("30.0"),
            () => JsonNode.Parse("1E1"),
            () => JsonNode.Parse("1.0000000000000001"),
            () => JsonNode.Parse("1.5000000000000002"),
        };
        if (rules.Minimum is { } min)
        {
            var bound = decimal.Parse(min, CultureInfo.InvariantCulture);
            choices.Add(() => JsonValue.Create(bound));
            choices.Add(() => JsonValue.Create(bound - 1));
            choices.Add(() => JsonValue.Create(bound - 0.001m));
        }

        if (rules.Maximum is { } max)
        {
            var bound = decimal.Parse(max, CultureInfo.InvariantCulture);
            choices.Add(() => JsonValue.Create(bound));
            choices.Add(() => JsonValue.Create(bound + 1));
            choices.Add(() => JsonValue.Create(bound + 0.001m));
            choices.Add(() => JsonNode.Parse(bound.ToString(CultureInfo.InvariantCulture) + "000000000000000001"));
        }

        return choices[_random.Next(choices.Count)]();
    }

    private JsonNode? AnyValue(int depth) => _random.Next(depth > 2 ? 6 : 8) switch
    {
        0 => "s" + _random.Next(10).ToString(CultureInfo.InvariantCulture),
        1 => _random.Next(-5, 50),
        2 => Math.Round(_random.NextDouble() * 3, 2),
        3 => _random.Next(2) == 0,
        4 => null,
        5 => OddStrings[_random.Next(OddStrings.Length)],
        6 => new JsonArray(AnyValue(depth + 1)),
        _ => new JsonObject { ["k"] = AnyValue(depth + 1) },
    };

    private JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["d"] = node };
        }

        return node;
    }

    private string MutateText(string text)
    {
        switch (_random.Next(14))
        {
            case 0:
                return text[..Math.Max(0, _random.Next(text.Length))];
            case 1:
                return text.Insert(text.Length - 1, ",");
            case 2:
                return text.Replace('"', '\'');
            case 3:
                return "/* c */" + text;
            case 4:
                return text.Replace("\"model\"", "model", StringComparison.Ordinal);
            case 5:
                return _random.Next(6) switch
                {
                    0 => "[" + text + "]",
                    1 => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
                    2 => "42",
                    3 => "null",
                    4 => "true",
                    _ => "[]",
                };
            case 6:
                // A repeated name: Newtonsoft keeps the last.
                return "{\"model\":" + (_random.Next(2) == 0 ? "null" : "\"other\"") + "," + text[1..];
            case 7:
                return text[..^1] + ",\"model\":" + (_random.Next(3) switch { 0 => "null", 1 => "\"  \"", _ => "7" }) + "}";
            case 8:
                return text.Replace("\"model\"", "\"mo\\u0064el\"", StringComparison.Ordinal);
            case 9:
                return text.Replace("liveportrait", "live\\ud800portrait", StringComparison.Ordinal);
            case 10:
                return text + " x";
            case 11:
                return new StringBuilder(text).Insert(1, new string('[', 70) + "1" + new string(']', 70) + ",").ToString().Replace("{[", "{\"deep\":[", StringComparison.Ordinal);
            case 12:
                return _random.Next(3) switch { 0 => "", 1 => "   ", _ => "{" };
            default:
                return text.Replace(":", " : ", StringComparison.Ordinal).Replace("0.5", "05", StringComparison.Ordinal);
        }
    }
}
