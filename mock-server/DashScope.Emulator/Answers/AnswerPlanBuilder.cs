using System.Globalization;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Answers;

/// <summary>What kind of answer a plan writes, which decides how the task protocol's fields are read.</summary>
internal enum AnswerMode
{
    /// <summary>A synchronous call's answer: every field, from the request and its media.</summary>
    Sync,

    /// <summary>A submit's answer: the new task's id and status.</summary>
    Submission,

    /// <summary>A task query's answer: the protocol's fields always, results and usage on success, code and message on failure.</summary>
    Task,
}

/// <summary>
/// Compiles a model into an <see cref="AnswerPlan"/>: the task protocol's fields by their place, a property with
/// <c>x-dashscope-answer</c> from the source it names, any other from its fixed value, default, first enum value or
/// minimum. A required field none of these can fill, or a source the operation cannot give, stops the start
/// naming the property.
/// </summary>
internal sealed class AnswerPlanBuilder
{
    // How deep an answer's objects may nest: far beyond any DashScope answer; stops a recursive model.
    private const int MaxDepth = 8;

    private readonly LivePortraitSchema _schema;
    private readonly OperationDefinition _operation;
    private readonly AnswerMode _mode;

    private AnswerPlanBuilder(LivePortraitSchema schema, OperationDefinition operation, AnswerMode mode)
    {
        _schema = schema;
        _operation = operation;
        _mode = mode;
    }

    /// <summary>The plan of <paramref name="model"/> as the <paramref name="mode"/> answer of <paramref name="operation"/>.</summary>
    /// <exception cref="SchemaDescriptionException">A field cannot be filled; the message names it and says why.</exception>
    public static AnswerPlan Build(LivePortraitSchema schema, OperationDefinition operation, string model, AnswerMode mode)
    {
        var builder = new AnswerPlanBuilder(schema, operation, mode);
        return new AnswerPlan(model, builder.Fields(schema.Description.Model(model), [], 0), schema.TimeZoneOffset);
    }

    private AnswerNode[] Fields(ModelDescription model, string[] path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Unanswerable(model.Name, $"nests more than {MaxDepth} objects deep");
        }

        var fields = new List<AnswerNode>();
        foreach (var property in model.Properties)
        {
            if (Field(model, property, [.. path, property.WireName], depth) is { } field)
            {
                fields.Add(field);
            }
        }

        return [.. fields];
    }

    private AnswerNode? Field(ModelDescription owner, PropertyDescription property, string[] path, int depth)
    {
        var name = JsonEncodedText.Encode(property.WireName);
        if (Protocol(path, property) is { } protocol)
        {
            return new AnswerNode(name, protocol.Value, protocol.When) { CustomTimeFormat = protocol.TimeFormat };
        }

        var when = _mode == AnswerMode.Task ? AnswerCondition.OnSuccess : AnswerCondition.Always;
        var label = owner.Name + "." + property.WireName;
        if (property.Answer is { } source)
        {
            return Sourced(name, when, source, label, property.Type.Kind);
        }

        if (property.Type.Kind == ValueKind.Object)
        {
            var children = Fields(_schema.Description.Model(property.Type.ModelName!), path, depth + 1);
            if (children.Length == 0)
            {
                return null;
            }

            // An object shows when any of its fields does: output always (it holds the task's id), usage on success.
            var shown = children.All(c => c.When == children[0].When) ? children[0].When : AnswerCondition.Always;
            return new AnswerNode(name, AnswerValue.Object, shown) { Children = children };
        }

        // An optional field is written only when the schema gives its value; a required one is always derived.
        var stated = property.FixedValue ?? property.DefaultText;
        if (!property.Required && stated is null)
        {
            return null;
        }

        return property.Type.Kind == ValueKind.Array
            ? ArrayField(name, when, property, label)
            : new AnswerNode(name, AnswerValue.Literal, when) { Literal = Derived(property, stated, label) };
    }

    /// <summary>The task protocol's field at <paramref name="path"/>, if it is one.</summary>
    private (AnswerValue Value, AnswerCondition When, string? TimeFormat)? Protocol(string[] path, PropertyDescription property)
    {
        if (Is(path, TaskProtocolFields.RequestId))
        {
            return (AnswerValue.RequestId, AnswerCondition.Always, null);
        }

        if (_mode == AnswerMode.Sync)
        {
            return null;
        }

        if (Is(path, TaskProtocolFields.TaskId))
        {
            return (AnswerValue.TaskId, AnswerCondition.Always, null);
        }

        if (Is(path, TaskProtocolFields.TaskStatus))
        {
            return (AnswerValue.TaskStatus, AnswerCondition.Always, null);
        }

        if (_mode != AnswerMode.Task || path.Length != 2 || path[0] != ProtocolFields.Output)
        {
            return null;
        }

        var format = TaskTimeText.Custom(property.Type.TimeFormat ?? ProtocolFields.TaskTimeFormat);
        return path[1] switch
        {
            ProtocolFields.SubmitTime => (AnswerValue.SubmitTime, AnswerCondition.Always, format),
            ProtocolFields.ScheduledTime => (AnswerValue.ScheduledTime, AnswerCondition.Always, format),
            ProtocolFields.EndTime => (AnswerValue.EndTime, AnswerCondition.Always, format),
            _ when Is(path, TaskProtocolFields.Code) => (AnswerValue.FailureCode, AnswerCondition.OnFailure, null),
            _ when Is(path, TaskProtocolFields.Message) => (AnswerValue.FailureMessage, AnswerCondition.OnFailure, null),
            _ => null,
        };
    }

    private AnswerNode Sourced(JsonEncodedText name, AnswerCondition when, AnswerSource source, string label, ValueKind kind)
    {
        switch (source.Kind)
        {
            case AnswerSourceKind.ResultUrl when _mode != AnswerMode.Task:
                throw Unanswerable(label, $"asks for the result link ({source}), which only a task answer has");
            case AnswerSourceKind.ResultUrl:
                return new AnswerNode(name, AnswerValue.ResultUrl, when);
            case AnswerSourceKind.InputDuration:
                return new AnswerNode(name, AnswerValue.MediaSeconds, when) { RuleIndex = Rule(source, MediaKind.Audio, label) };
            case AnswerSourceKind.FaceDetected:
                return new AnswerNode(name, AnswerValue.FaceDetected, when) { RuleIndex = Rule(source, MediaKind.Image, label) };
            case AnswerSourceKind.FaceMessage:
                return new AnswerNode(name, AnswerValue.FaceMessage, when)
                {
                    RuleIndex = Rule(source, MediaKind.Image, label),
                    NoFaceMessage = _schema.TaskError(TaskFailure.NoHumanFace).Message,
                };
            default:
                return new AnswerNode(name, AnswerValue.Literal, when) { Literal = Json(kind, source.Value ?? string.Empty) };
        }
    }

    /// <summary>The index of the operation's media rule at the source's request path, of the kind it must be.</summary>
    private int Rule(AnswerSource source, MediaKind kind, string label)
    {
        var rules = _operation.MediaRules;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].PropertyPath == source.RequestPath)
            {
                return rules[i].Kind == kind
                    ? i
                    : throw Unanswerable(label, $"reads '{source.RequestPath}' ({source}), which is {rules[i].Kind.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}");
            }
        }

        var known = rules.Count == 0 ? "none" : string.Join(", ", rules.Select(r => r.PropertyPath));
        throw Unanswerable(label, $"reads '{source.RequestPath}' ({source}), which is not a media field of the request of '{_operation.Name}' (its media fields: {known})");
    }

    private AnswerNode ArrayField(JsonEncodedText name, AnswerCondition when, PropertyDescription property, string label) =>
        property.Type.Rules.MinItems is > 0
            ? throw Unanswerable(label, "is an array that needs items; give it x-dashscope-answer")
            : new AnswerNode(name, AnswerValue.EmptyArray, when);

    /// <summary>The value the property's type and rules give, as JSON.</summary>
    private byte[] Derived(PropertyDescription property, string? stated, string label)
    {
        var type = property.Type;
        if (stated is not null)
        {
            return Json(type.Kind, stated);
        }

        return type.Kind switch
        {
            ValueKind.Enum => Json(ValueKind.String, _schema.Description.Model(type.ModelName!).EnumValues[0]),
            ValueKind.String when type.Rules.AllowedValues.Count > 0 => Json(ValueKind.String, type.Rules.AllowedValues[0]),
            ValueKind.String when type.Rules.Pattern is null && type.Rules.MinLength is null or 0 => Json(ValueKind.String, string.Empty),
            ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger => Encoding.UTF8.GetBytes(Lowest(type)),
            ValueKind.Boolean => "false"u8.ToArray(),
            _ => throw Unanswerable(label, $"is a required {type.Kind.ToString().ToLowerInvariant()} whose value its type cannot give; give it x-dashscope-answer"),
        };
    }

    /// <summary>The smallest value the bounds allow (0 without a minimum), as invariant text.</summary>
    private static string Lowest(ValueDescription type)
    {
        var rules = type.Rules;
        var minimum = rules.Minimum is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
        if (rules.ExclusiveMinimum)
        {
            // Just above the bound: the next integer, or halfway to the maximum (or one more) for a number.
            var maximum = rules.Maximum is { } max ? decimal.Parse(max, CultureInfo.InvariantCulture) : minimum + 2;
            minimum = type.Kind == ValueKind.Number ? (minimum + maximum) / 2 : minimum + 1;
        }

        return minimum.ToString(CultureInfo.InvariantCulture);
    }

    private static byte[] Json(ValueKind kind, string text) => kind switch
    {
        ValueKind.Integer or ValueKind.LongInteger or ValueKind.Number or ValueKind.Boolean => Encoding.UTF8.GetBytes(text),
        _ => JsonSerializer.SerializeToUtf8Bytes(text),
    };

    private static bool Is(string[] path, EquatableArray<string> field) => path.AsSpan().SequenceEqual(field.ToArray());

    private SchemaDescriptionException Unanswerable(string label, string why) =>
        new(_schema.Description.SchemaFileName, $"The schema '{_schema.Description.SchemaFileName}': the emulator cannot answer '{label}' for operation '{_operation.Name}': it {why}.");
}
