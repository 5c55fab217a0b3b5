using System.Globalization;
using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Described;

/// <summary>
/// Builds the smallest valid body of an operation from its request model alone: every required field, with
/// the value the schema fixes (the model name), its default, its first allowed value, a number inside its
/// bounds, or a media URL of the kind its <c>x-dashscope-media</c> rule names. A new operation in the schema
/// gets a sample request with no change here.
/// </summary>
public sealed class SampleRequests(EndpointDescription description, Func<MediaKind, Uri> mediaUrl)
{
    private const int MaxDepth = 8;

    /// <summary>The JSON body of a sample request to <paramref name="operation"/>.</summary>
    public string Body(OperationDescription operation)
    {
        var model = operation.RequestModel
            ?? throw new ArgumentException($"Operation '{operation.Key}' takes no request body.", nameof(operation));
        return Object(description.Model(model), depth: 0).ToJsonString();
    }

    private JsonObject Object(ModelDescription model, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"Model '{model.Name}' nests deeper than {MaxDepth} levels; a sample cannot be built.");
        }

        var body = new JsonObject();
        foreach (var property in model.Properties.Where(p => p.Required))
        {
            body[property.WireName] = property.FixedValue is { } fixedValue ? JsonValue.Create(fixedValue) : Value(property.Type, property.DefaultText, depth);
        }

        return body;
    }

    private JsonNode Value(ValueDescription type, string? defaultText, int depth) => type.Kind switch
    {
        ValueKind.String when type.Media is { } media => JsonValue.Create(mediaUrl(media.Kind).ToString()),
        ValueKind.String when type.Rules.IsUri => JsonValue.Create(mediaUrl(MediaKind.Image).ToString()),
        ValueKind.String => JsonValue.Create(defaultText ?? type.Rules.AllowedValues.FirstOrDefault() ?? new string('a', Math.Max(1, type.Rules.MinLength ?? 1))),
        ValueKind.Enum => JsonValue.Create(defaultText ?? description.Model(type.ModelName!).EnumValues[0]),
        ValueKind.Boolean => JsonValue.Create(defaultText is null || bool.Parse(defaultText)),
        ValueKind.Integer or ValueKind.LongInteger => JsonValue.Create((long)Math.Ceiling(Number(type.Rules, defaultText))),
        ValueKind.Number => JsonValue.Create(Number(type.Rules, defaultText)),
        ValueKind.Object => Object(description.Model(type.ModelName!), depth + 1),
        ValueKind.Array => Array(type, depth),
        _ => throw new NotSupportedException($"No sample for a required value of kind {type.Kind}: give it a default in the schema."),
    };

    private JsonArray Array(ValueDescription type, int depth)
    {
        var array = new JsonArray();
        for (var i = 0; i < (type.Rules.MinItems ?? 0); i++)
        {
            array.Add(Value(type.Item!, null, depth + 1));
        }

        return array;
    }

    private static double Number(ValueRules rules, string? defaultText)
    {
        if (defaultText is not null)
        {
            return double.Parse(defaultText, CultureInfo.InvariantCulture);
        }

        double? minimum = rules.Minimum is { } min ? double.Parse(min, CultureInfo.InvariantCulture) : null;
        double? maximum = rules.Maximum is { } max ? double.Parse(max, CultureInfo.InvariantCulture) : null;
        return (minimum, maximum) switch
        {
            // Halfway is inside any range whose ends may be excluded, however narrow (0 < x < 1 included).
            ({ } low, { } high) when rules.ExclusiveMinimum || rules.ExclusiveMaximum => (low + high) / 2,
            ({ } low, _) => rules.ExclusiveMinimum ? low + 1 : low,
            (null, { } high) => rules.ExclusiveMaximum ? high - 1 : high,
            _ => 0,
        };
    }
}
