using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace DashScope.Toolkit.Generator.Tests.Properties;

/// <summary>A generated service schema as a JSON tree, with what the builder knows about it (for the mutators).</summary>
internal sealed class ServiceSchema
{
    public required JsonObject Root { get; init; }

    /// <summary>Names of the object definitions.</summary>
    public List<string> Objects { get; } = [];

    /// <summary>Names of the string-enum definitions.</summary>
    public List<string> Enums { get; } = [];

    /// <summary>Every C# type name the schema makes (definitions, inline objects and enums, generated classes).</summary>
    public HashSet<string> TypeNames { get; } = new(StringComparer.Ordinal);

    public JsonObject Definitions => (JsonObject)Root["definitions"]!;

    public JsonObject Operations => (JsonObject)Root["x-dashscope-operations"]!;

    public JsonObject Service => (JsonObject)Root["x-dashscope-service"]!;
}

/// <summary>
/// Builds well-formed service schemas of the kind schema/README.md describes: random object and enum
/// definitions (strings with patterns, lengths, URIs and time formats; 32- and 64-bit integers and numbers
/// with inclusive or exclusive ranges; booleans; nullable types; arrays of anything, nested; inline objects;
/// references, including recursive ones; epoch times; defaults and descriptions with markup, quotes and
/// line breaks), one to three synchronous operations, and often an asynchronous one with its task endpoints
/// and a list query. Names mix snake, kebab, dotted, spaced and camel case, C# keywords and several scripts;
/// the builder keeps every resulting C# name distinct, so each schema is valid by construction.
/// </summary>
internal static class ValidSchemas
{
    // Parts of names. C# keywords are fine as wire names: they become PascalCase (Class, Namespace).
    private static readonly string[] Words =
    [
        "image", "url", "video", "fps", "mode", "task", "status", "code", "message", "input", "output", "style", "ratio",
        "face", "bbox", "audio", "duration", "template", "size", "count", "limit", "offset", "time", "value2", "motion",
        "class", "int", "namespace", "return", "event", "object", "string", "operator", "params", "default", "new",
        "async", "await", "var", "record", "global", "this", "base", "void", "is", "in", "out", "ref", "using", "lock",
        "größe", "名前", "données", "данные", "ελληνικά", "città", "ñandú", "ålesund", "ǆemal", "e\u0301te", "ﬁle", "x١٢", "데이터",
    ];

    private static readonly string[] Separators = ["_", "-", ".", " ", "", "__", "$"];

    private static readonly string[] Patterns =
    [
        "^[a-z]+$", "^https?://", "^\\d{4}-\\d{2}-\\d{2}$", "^[A-Za-z0-9_\\-]{1,64}$", "^(foo|bar)*$", "\\s", "^\"quoted\"$",
        "^[^<>&]*$", "^\\p{L}+$", "a{2,3}", "^\\u00e9$", "^line\\nbreak$", "^(?:[01]\\d|2[0-3]):[0-5]\\d$",
    ];

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss.fff", "yyyyMMddHHmmss", "yyyy-MM-dd'T'HH:mm:ss", "dd/MM/yyyy HH:mm"];

    private static readonly string[] Texts =
    [
        "A value.", "Uses <b>markup</b> & \"quotes\".", "Two\nlines.", "Ends with a backslash \\", "*/ not a comment end",
        "/// triple slash", "Ünïcödé – 名前 – данные", "Tab\tand CR\r\nLF.", "{braces} and [brackets]", "<see cref=\"X\"/>",
        "emoji 😀 pair", "   padded   ", "cdata ]]> end",
    ];

    private static readonly string[] EnumValues =
    [
        "PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN", "plain", "bold", "cinematic", "fast-motion",
        "slow.motion", "low_quality", "high quality", "größe", "名前", "данные", "alpha2", "beta3",
    ];

    // Members every generated record, enum struct or JSON context already has, and names the generator reserves.
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "AdditionalProperties", "Validate", "EqualityContract", "ToQueryString", "Equals", "GetHashCode", "ToString", "GetType",
        "MemberwiseClone", "ReferenceEquals", "Finalize", "PrintMembers", "Deconstruct", "Value", "IsKnown", "IsTerminal",
        "AllowedValues", "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "System", "DashScope", "Microsoft", "Global", "Instance",
    };

    public static ServiceSchema Build(Draw d)
    {
        var builder = new Builder(d);
        return builder.Build();
    }

    /// <summary>The JSON text of a tree, written in one of several equivalent styles.</summary>
    public static string Render(JsonNode root, Draw d)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = d.Chance(80),
            MaxDepth = 1000,
            Encoder = d.Chance(50) ? JavaScriptEncoder.Create(UnicodeRanges.All) : JavaScriptEncoder.Default,
        };
        var text = root.ToJsonString(options);
        return d.Chance(10) ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    /// <summary>PascalCase of a name made of parts, as the generator computes it (each part's first letter upper-cased).</summary>
    public static string Pascal(IEnumerable<string> parts) =>
        string.Concat(parts.Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));

    private sealed class Builder(Draw d)
    {
        private readonly HashSet<string> _types = new(StringComparer.Ordinal);
        private readonly List<string> _objectDefs = [];
        private readonly List<string> _enumDefs = [];
        private readonly JsonObject _definitions = new();
        private string _service = "";

        public ServiceSchema Build()
        {
            _service = FreshTypeName(out _, wireAllowed: false);
            var clientName = d.Chance(15) ? _service + "Api" : _service + "Client";
            foreach (var generated in new[] { clientName, clientName + "Options", _service + "JsonContext", clientName + "ServiceCollectionExtensions", _service + "ErrorCodes" })
            {
                _types.Add(generated);
            }

            var service = new JsonObject
            {
                ["name"] = _service,
                ["namespace"] = "Prop." + _service,
                ["baseUrl"] = d.Pick(["https://example.test/v1", "https://example.test/api/v1/", "http://127.0.0.1:8080/x", "https://例え.テスト/api", "https://example.test/a%20b"]),
            };
            if (clientName != _service + "Client") { service["clientName"] = clientName; }
            if (d.Chance(30)) { service["apiKeyEnvironmentVariable"] = "MY_KEY_" + d.Int(0, 99); }
            if (d.Chance(20)) { service["baseUrlEnvironmentVariable"] = null; }
            if (d.Chance(20)) { service["region"] = d.Pick(Texts); }

            var root = new JsonObject
            {
                ["$schema"] = "http://json-schema.org/draft-07/schema#",
                ["title"] = d.Pick(Texts),
                ["x-dashscope-service"] = service,
            };
            if (d.Chance(50)) { root["description"] = d.Pick(Texts); }

            // Definitions first (references need targets), then the operations that point at them.
            var enums = d.Int(0, 3);
            for (var i = 0; i < enums; i++) { AddEnumDefinition(); }
            var objects = d.Int(1, 6);
            for (var i = 0; i < objects; i++) { AddObjectDefinition(); }

            var operations = new JsonObject();
            var opNames = new HashSet<string>(StringComparer.Ordinal);
            var syncCount = d.Int(0, 3);
            var isAsync = syncCount == 0 || d.Chance(50);
            for (var i = 0; i < syncCount; i++)
            {
                var wire = FreshName(opNames, out _);
                operations[wire] = new JsonObject
                {
                    ["description"] = d.Pick(Texts),
                    ["method"] = d.Pick(["POST", "GET", "post"]),
                    ["path"] = d.Pick(["/services/a/b", "/x", "/名前/ü", "/with space", "/q?x=1"]),
                    ["mode"] = "sync",
                    ["model"] = d.Pick(["m-1", "model \"quoted\"", "模型"]),
                    ["request"] = "#/definitions/" + d.Pick(_objectDefs),
                    ["response"] = "#/definitions/" + d.Pick(_objectDefs),
                };
            }
            if (isAsync) { AddAsync(root, operations, opNames); }
            if (service["error"] is null && d.Chance(30))
            {
                var error = AddProtocolDefinition(new JsonObject { ["code"] = Str(), ["message"] = Str(), ["request_id"] = Str() }, ["code", "message"]);
                service["error"] = "#/definitions/" + error;
            }
            if (d.Chance(40)) { root["x-dashscope-errors"] = Errors(withStatus: true); }
            if (d.Chance(30)) { root["x-dashscope-task-errors"] = Errors(withStatus: false); }

            // Operations before definitions or after: key order must not matter.
            root["x-dashscope-operations"] = operations;
            root["definitions"] = _definitions;
            if (d.Chance(30))
            {
                var reordered = new JsonObject();
                foreach (var key in root.Select(p => p.Key).Reverse().ToList())
                {
                    var value = root[key];
                    root.Remove(key);
                    reordered[key] = value;
                }
                root = reordered;
            }

            var schema = new ServiceSchema { Root = root };
            schema.Objects.AddRange(_objectDefs);
            schema.Enums.AddRange(_enumDefs);
            schema.TypeNames.UnionWith(_types);
            return schema;
        }

        private void AddAsync(JsonObject root, JsonObject operations, HashSet<string> opNames)
        {
            var statusIsEnum = d.Chance(60);
            JsonNode status = Str();
            if (statusIsEnum)
            {
                var values = new JsonArray("PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN");
                var statusEnum = FreshTypeName(out _, wireAllowed: false);
                _definitions[statusEnum] = new JsonObject { ["type"] = "string", ["enum"] = values };
                _enumDefs.Add(statusEnum);
                status = new JsonObject { ["$ref"] = "#/definitions/" + statusEnum };
            }
            var submissionOutput = new JsonObject { ["task_id"] = Str(), ["task_status"] = status.DeepClone() };
            var submission = AddProtocolDefinition(new JsonObject { ["request_id"] = Str(), ["output"] = Obj(submissionOutput, ["task_id"]) }, ["output"]);
            var taskOutput = new JsonObject { ["task_id"] = Str(), ["task_status"] = status.DeepClone() };
            if (d.Chance(70)) { taskOutput["code"] = Str(); }
            if (d.Chance(70)) { taskOutput["message"] = Str(); }
            if (d.Chance(50)) { taskOutput["video_url"] = new JsonObject { ["type"] = "string", ["format"] = "uri" }; }
            if (d.Chance(40)) { taskOutput["submit_time"] = new JsonObject { ["type"] = "string", ["x-dashscope-time-format"] = d.Pick(TimeFormats) }; }
            var taskRoot = new JsonObject { ["output"] = Obj(taskOutput, d.Chance(50) ? ["task_id", "task_status"] : []) };
            if (d.Chance(70)) { taskRoot["request_id"] = Str(); }
            var task = AddProtocolDefinition(taskRoot, d.Chance(70) ? ["output"] : []);
            var wire = FreshName(opNames, out _);
            operations[wire] = new JsonObject
            {
                ["method"] = "POST",
                ["path"] = "/services/aigc/" + d.Pick(["video", "名前", "a-b"]),
                ["mode"] = "async",
                ["model"] = "model-" + d.Int(0, 9),
                ["request"] = "#/definitions/" + d.Pick(_objectDefs),
                ["response"] = "#/definitions/" + submission,
                ["task"] = "#/definitions/" + task,
            };
            var terminal = new JsonArray("SUCCEEDED", "FAILED");
            if (d.Chance(50)) { terminal.Add("CANCELED"); terminal.Add("UNKNOWN"); }
            var list = new JsonObject { ["method"] = "GET", ["path"] = d.Pick(["/tasks", "/tasks/", "/任务"]), ["response"] = "#/definitions/" + d.Pick(_objectDefs) };
            if (d.Chance(50)) { list["query"] = "#/definitions/" + AddQueryDefinition(); }
            var tasks = new JsonObject
            {
                ["query"] = new JsonObject { ["method"] = "GET", ["path"] = d.Pick(["/tasks/{task_id}", "/v2/{task_id}/status", "/任务/{task_id}"]) },
                ["cancel"] = new JsonObject { ["method"] = "POST", ["path"] = "/tasks/{task_id}/cancel", ["response"] = "#/definitions/" + d.Pick(_objectDefs) },
                ["list"] = list,
                ["terminalStatuses"] = terminal,
                ["successStatus"] = "SUCCEEDED",
            };
            if (d.Chance(50)) { tasks["recommendedPollIntervalSeconds"] = d.Int(1, 3600); }
            if (d.Chance(30)) { tasks["query"]!["response"] = "#/definitions/" + task; }
            root["x-dashscope-tasks"] = tasks;
        }

        private JsonObject Errors(bool withStatus)
        {
            var errors = new JsonObject();
            var count = d.Int(0, 5);
            for (var i = 0; i < count; i++)
            {
                // Codes that PascalCase alike, that are not identifiers, or that name the generated class.
                var code = d.Pick(["InvalidParameter", "invalid_parameter", "InvalidParameter1", "Throttling.RateQuota", "400", "a b", "!!!", "DataInspectionFailed", "名前", _service + "ErrorCodes"]);
                var entry = new JsonObject { ["code"] = code, ["message"] = d.Pick(Texts) };
                if (withStatus) { entry["status"] = d.Pick([400, 401, 429, 500]); }
                errors["e" + i.ToString(CultureInfo.InvariantCulture)] = entry;
            }
            return errors;
        }

        private void AddEnumDefinition()
        {
            var name = FreshTypeName(out _, wireAllowed: true);
            _definitions[name] = Enum(name, out _);
            _enumDefs.Add(name);
        }

        private void AddObjectDefinition()
        {
            var name = FreshTypeName(out var typeName, wireAllowed: true);
            _objectDefs.Add(name); // before the properties, so they may refer to it (a recursive type)
            _definitions[name] = ObjectSchema(typeName, depth: 0, queryOnly: false);
        }

        private string AddProtocolDefinition(JsonObject properties, string[] required)
        {
            var name = FreshTypeName(out var typeName, wireAllowed: true);
            // The protocol fields' inline objects are named from the definition: reserve those names too.
            foreach (var (wire, value) in properties)
            {
                if (value is JsonObject o && o["type"]?.GetValue<string>() == "object") { Reserve(typeName + Pascal(SplitWire(wire))); }
            }
            _definitions[name] = Obj(properties, required);
            _objectDefs.Add(name);
            return name;
        }

        private string AddQueryDefinition()
        {
            var name = FreshTypeName(out var typeName, wireAllowed: true);
            _definitions[name] = ObjectSchema(typeName, depth: 0, queryOnly: true);
            return name;
        }

        private JsonObject ObjectSchema(string typeName, int depth, bool queryOnly)
        {
            var properties = new JsonObject();
            var required = new List<string>();
            var used = new HashSet<string>(StringComparer.Ordinal) { typeName };
            var count = d.Int(0, depth == 0 ? 6 : 3);
            for (var i = 0; i < count; i++)
            {
                var wire = FreshName(used, out var member);
                properties[wire] = Value(typeName + member, depth, queryOnly);
                if (d.Chance(40)) { required.Add(wire); }
            }
            var schema = new JsonObject();
            if (d.Chance(90)) { schema["type"] = d.Chance(10) ? new JsonArray("object", "null") : "object"; }
            else if (count == 0) { schema["type"] = "object"; }
            if (d.Chance(30)) { schema["description"] = d.Pick(Texts); }
            schema["properties"] = properties;
            if (required.Count > 0) { schema["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray()); }
            if (d.Chance(15)) { schema["additionalProperties"] = d.Chance(50); }
            if (required.Count > 0 && d.Chance(10))
            {
                // Composition that only constrains declared properties is supported.
                schema["oneOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray(required[0]) }, new JsonObject { ["properties"] = new JsonObject { [required[0]] = new JsonObject { ["minLength"] = 1 } } });
            }
            return schema;
        }

        /// <summary>A property schema; <paramref name="inlineName"/> is the type name an inline object or enum here gets.</summary>
        private JsonObject Value(string inlineName, int depth, bool queryOnly)
        {
            var roll = d.Int(0, queryOnly ? 6 : 11);
            JsonObject value = roll switch
            {
                0 => StringSchema(),
                1 => IntegerSchema(),
                2 => NumberSchema(),
                3 => new JsonObject { ["type"] = "boolean" },
                4 when _enumDefs.Count > 0 => new JsonObject { ["$ref"] = "#/definitions/" + d.Pick(_enumDefs) },
                4 or 5 => InlineEnum(inlineName),
                6 => d.Chance(50)
                    ? new JsonObject { ["type"] = "string", ["x-dashscope-time-format"] = d.Pick(TimeFormats) }
                    : new JsonObject { ["type"] = "integer", ["x-dashscope-time-format"] = "epoch-milliseconds" },
                7 when depth < 3 => Array(inlineName + "Item", depth + 1),
                8 when depth < 3 => InlineObject(inlineName, depth + 1),
                9 when _objectDefs.Count > 0 => new JsonObject { ["$ref"] = "#/definitions/" + d.Pick(_objectDefs) },
                10 => new JsonObject(),
                _ => StringSchema(),
            };
            if (d.Chance(20)) { value["description"] = d.Pick(Texts); }
            if (value["type"] is JsonValue type && type.GetValue<string>() is "string" or "integer" or "number" or "boolean" && d.Chance(10))
            {
                value["type"] = new JsonArray(type.GetValue<string>(), "null");
            }
            return value;
        }

        private JsonObject StringSchema()
        {
            var s = new JsonObject { ["type"] = "string" };
            if (d.Chance(25)) { s["pattern"] = d.Pick(Patterns); }
            if (d.Chance(20)) { s["format"] = "uri"; }
            if (d.Chance(20)) { s["minLength"] = d.Int(0, 5); }
            if (d.Chance(20)) { s["maxLength"] = d.Int(5, 5000); }
            if (d.Chance(15)) { s["default"] = d.Pick(Texts); }
            if (d.Chance(10)) { s["x-dashscope-media"] = new JsonObject { ["kind"] = "image", ["formats"] = new JsonArray("jpg", "png"), ["exclusiveMaxBytes"] = 10485760 }; }
            return s;
        }

        private JsonObject IntegerSchema()
        {
            var s = new JsonObject { ["type"] = "integer" };
            var wide = d.Chance(20);
            if (wide && d.Chance(50)) { s["format"] = "int64"; }
            Range(s, wide ? 10_000_000_000m : 1000m, integral: true);
            if (d.Chance(15)) { s["default"] = d.Int(0, 10); }
            return s;
        }

        private JsonObject NumberSchema()
        {
            var s = new JsonObject { ["type"] = "number" };
            Range(s, d.Pick([1m, 100m, 1e20m, 0.001m]), integral: false);
            if (d.Chance(15)) { s["default"] = 0.5; }
            return s;
        }

        private void Range(JsonObject s, decimal scale, bool integral)
        {
            decimal Number() => integral ? Math.Round((decimal)d.Unit() * scale) : Math.Round((decimal)d.Unit() * scale, 4);
            var min = -Number();
            var max = Number();
            switch (d.Int(0, 4))
            {
                case 0: break;
                case 1: s["minimum"] = min; s["maximum"] = max; break;
                case 2: s["exclusiveMinimum"] = min; s["exclusiveMaximum"] = max; break;
                case 3: s["minimum"] = min; s["exclusiveMinimum"] = true; s["maximum"] = max; s["exclusiveMaximum"] = true; break; // draft-04 style
                default: s[d.Chance(50) ? "minimum" : "maximum"] = d.Chance(50) ? min : max; break;
            }
        }

        private JsonObject InlineEnum(string typeName)
        {
            if (!Reserve(typeName)) { return StringSchema(); }
            return Enum(typeName, out _);
        }

        private JsonObject Enum(string typeName, out int count)
        {
            var values = new List<string>();
            var names = new List<string?>();
            var members = new HashSet<string>(StringComparer.Ordinal) { "Value", "IsKnown", "IsTerminal", "AllowedValues", typeName };
            var withNames = d.Chance(25);
            count = d.Int(1, 8);
            for (var i = 0; i < count; i++)
            {
                if (withNames)
                {
                    // Any text can be a value when x-enumNames names its member.
                    var value = d.Pick(EnumValues.Concat(Texts).Concat(["", " ", "1:1", "\u2028", "</c>"]).ToArray());
                    var member = "M" + i.ToString(CultureInfo.InvariantCulture) + Pascal(SplitWire(d.Pick(Words)));
                    if (values.Contains(value) || !members.Add(member)) { continue; }
                    values.Add(value);
                    names.Add(member);
                }
                else
                {
                    var value = d.Pick(EnumValues);
                    var member = Pascal(SplitWire(value.ToLowerInvariant()));
                    if (values.Contains(value) || ReservedMembers.Contains(member) || !members.Add(member)) { continue; }
                    values.Add(value);
                }
            }
            if (values.Count == 0) { values.Add("only"); names.Clear(); withNames = false; }
            var schema = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };
            if (withNames) { schema["x-enumNames"] = new JsonArray(names.Select(n => (JsonNode)n!).ToArray()); }
            if (d.Chance(20)) { schema["description"] = d.Pick(Texts); }
            return schema;
        }

        private JsonObject Array(string itemTypeName, int depth)
        {
            var a = new JsonObject { ["type"] = "array", ["items"] = Value(itemTypeName, depth, queryOnly: false) };
            if (d.Chance(30)) { a["minItems"] = d.Int(1, 3); }
            if (d.Chance(30)) { a["maxItems"] = d.Int(3, 100); }
            return a;
        }

        private JsonObject InlineObject(string typeName, int depth)
        {
            if (!Reserve(typeName)) { return StringSchema(); }
            return ObjectSchema(typeName, depth, queryOnly: false);
        }

        private static JsonObject Str() => new() { ["type"] = "string" };

        private static JsonObject Obj(JsonObject properties, string[] required)
        {
            var o = new JsonObject { ["type"] = "object", ["properties"] = properties };
            if (required.Length > 0) { o["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray()); }
            return o;
        }

        private bool Reserve(string typeName) =>
            !ReservedMembers.Contains(typeName) && !typeName.EndsWith("Converter", StringComparison.Ordinal) && _types.Add(typeName);

        /// <summary>A new definition name (a wire form when allowed, else an identifier) whose type name is free.</summary>
        private string FreshTypeName(out string typeName, bool wireAllowed)
        {
            while (true)
            {
                var parts = Parts();
                var candidate = Pascal(parts);
                typeName = candidate;
                var wire = wireAllowed ? Join(parts) : candidate;
                // Type names are also JSON-context members and prefixes of inline type names: keep them apart.
                if (_types.Any(t => t.StartsWith(candidate, StringComparison.Ordinal) || candidate.StartsWith(t, StringComparison.Ordinal))) { continue; }
                if (Reserve(candidate)) { return wire; }
            }
        }

        /// <summary>A new wire name whose member name (PascalCase) is not in <paramref name="used"/>.</summary>
        private string FreshName(HashSet<string> used, out string member)
        {
            while (true)
            {
                var parts = Parts();
                member = Pascal(parts);
                if (ReservedMembers.Contains(member) || member.EndsWith("Converter", StringComparison.Ordinal) || !used.Add(member)) { continue; }
                return Join(parts);
            }
        }

        private string[] Parts()
        {
            var count = d.Int(1, 3);
            var parts = new string[count];
            for (var i = 0; i < count; i++) { parts[i] = d.Pick(Words); }
            // A name never starts with a digit or a mark.
            return parts;
        }

        private string Join(string[] parts)
        {
            var separator = d.Pick(Separators);
            if (separator.Length > 0) { return string.Join(separator, parts); }
            return parts[0] + Pascal(parts.Skip(1)); // camelCase
        }
    }

    /// <summary>The parts of a wire name (split at anything that is not a letter, digit or mark), as the generator sees them.</summary>
    public static IEnumerable<string> SplitWire(string wire)
    {
        var current = new System.Text.StringBuilder();
        foreach (var ch in wire)
        {
            if (char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }
        if (current.Length > 0) { yield return current.ToString(); }
    }
}
