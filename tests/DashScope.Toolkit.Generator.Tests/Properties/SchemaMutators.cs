using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DashScope.Toolkit.Generator.Tests.Properties;

/// <summary>
/// The generators of the property suite. Each draws a fresh valid schema (<see cref="ValidSchemas"/>) and,
/// except for <see cref="Valid"/>, breaks or bends it in one named way whose verdict is known by
/// construction where it can be (<see cref="Verdict"/>).
/// </summary>
internal static class SchemaMutators
{
    private const string DefinitionsPrefix = "#/definitions/";

    /// <summary>Well-formed service schemas, as built.</summary>
    public static readonly SchemaGen Valid = new(d =>
    {
        var schema = ValidSchemas.Build(d);
        return new SchemaCase("valid", Verdict.Valid, ValidSchemas.Render(schema.Root, d), $"{schema.Objects.Count} objects, {schema.Enums.Count} enums, {schema.Operations.Count} operations");
    });

    /// <summary>Valid schemas bent in ways that keep them valid: unknown keywords, huge enums, deep nesting, recursion, Unicode names.</summary>
    public static readonly SchemaGen ValidMutants = new(d =>
    {
        var schema = ValidSchemas.Build(d);
        var note = d.Int(0, 4) switch
        {
            0 => UnknownKeywords(schema, d),
            1 => HugeEnum(schema, d),
            2 => DeepNesting(schema, d, d.Int(2, 12)),
            3 => Recursive(schema, d),
            _ => UnicodeDefinition(schema, d),
        };
        return new SchemaCase("valid-mutant", Verdict.Valid, ValidSchemas.Render(schema.Root, d), note);
    });

    /// <summary>Valid schemas broken in one named way: every one must be reported at a place in the file.</summary>
    public static readonly SchemaGen InvalidMutants = new(d =>
    {
        var schema = ValidSchemas.Build(d);
        var note = d.Int(0, 11) switch
        {
            0 => RefCycle(schema, d),
            1 => MissingBlock(schema, d),
            2 => EmptyOperations(schema, d),
            3 => WrongEndpointKeywordType(schema, d),
            4 => MissingOperationField(schema, d),
            5 => DanglingReference(schema, d),
            6 => CollidingProperties(schema, d),
            7 => CollidingDefinitions(schema, d),
            8 => KeywordServiceName(schema, d),
            9 => UnsupportedKeyword(schema, d),
            10 => NonStringEnum(schema, d),
            _ => SymbolOnlyName(schema, d),
        };
        return new SchemaCase("invalid-mutant", Verdict.Invalid, ValidSchemas.Render(schema.Root, d), note);
    });

    /// <summary>Mutations whose effect is not known in advance: wrong JSON types for any keyword, odd names, text damage that may still be JSON.</summary>
    public static readonly SchemaGen EitherMutants = new(d =>
    {
        var schema = ValidSchemas.Build(d);
        switch (d.Int(0, 4))
        {
            case 0:
            {
                var note = WrongTypeAnywhere(schema, d);
                return new SchemaCase("wrong-type", Verdict.Either, ValidSchemas.Render(schema.Root, d), note);
            }
            case 1:
            {
                var note = MemberLikeNames(schema, d);
                return new SchemaCase("member-names", Verdict.Either, ValidSchemas.Render(schema.Root, d), note);
            }
            case 2:
            {
                var note = DeepNesting(schema, d, d.Int(13, 60));
                return new SchemaCase("very-deep", Verdict.Either, ValidSchemas.Render(schema.Root, d), note);
            }
            default:
            {
                var text = ValidSchemas.Render(schema.Root, d);
                var (mutant, note) = DamageText(text, d);
                // The generator reads JSON with Newtonsoft, which lets raw control characters through inside strings;
                // a text whose only fault is one of those is left to either outcome (see docs/reliability.md).
                var verdict = IsStrictJson(mutant) || IsStrictJson(WithoutControlCharacters(mutant)) ? Verdict.Either : Verdict.Invalid;
                return new SchemaCase("text-damage", verdict, mutant, note);
            }
        }
    });

    /// <summary>Text that is mostly not a schema at all: random characters, JSON fragments, other JSON values.</summary>
    public static readonly SchemaGen Garbage = new(d =>
    {
        var text = d.Int(0, 3) switch
        {
            0 => RandomText(d, d.Int(0, 200)),
            1 => string.Concat(Enumerable.Range(0, d.Int(1, 60)).Select(_ => d.Pick(["{", "}", "[", "]", ":", ",", "\"", "\"x-dashscope-service\"", "null", "1e999", "\"$ref\"", " ", "\n", "'", "\\", "/*", "//"]))),
            2 => d.Pick(["[]", "true", "-0", "\"\"", "{\"definitions\":{}}", "{\"x-dashscope-service\":{}}", "{\"x-dashscope-operations\":{}}"]),
            _ => "{" + RandomText(d, d.Int(0, 50)) + "}",
        };
        return new SchemaCase("garbage", IsStrictJson(text) ? Verdict.Either : Verdict.Invalid, text, "random text");
    });

    // ---- mutations that keep a schema valid ----

    private static string UnknownKeywords(ServiceSchema schema, Draw d)
    {
        // Keywords no JSON Schema draft defines (so no reader gives them a meaning or a type), and $comment.
        var keywords = new[] { "x-custom", "$comment", "frobnicate", "x-dashscope-unknown", "x-vendor", "unknownKeyword" };
        var count = d.Int(1, 6);
        // Schema objects and endpoint blocks, not maps of names (properties, definitions, operations, errors).
        var maps = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        foreach (var o in AllObjects(schema.Root))
        {
            foreach (var key in new[] { "properties", "definitions", "x-dashscope-operations", "x-dashscope-errors", "x-dashscope-task-errors" })
            {
                if (o[key] is JsonObject map) { maps.Add(map); }
            }
        }
        var targets = AllObjects(schema.Root).Where(o => !maps.Contains(o)).ToList();
        for (var i = 0; i < count; i++)
        {
            var target = d.Pick(targets);
            var keyword = d.Pick(keywords);
            if (target.ContainsKey(keyword) || target.ContainsKey("$ref")) { continue; }
            target[keyword] = keyword == "$comment" ? "a comment " + i.ToString(CultureInfo.InvariantCulture) : AnyValue(d, 2);
        }
        return "unknown keywords";
    }

    private static string HugeEnum(ServiceSchema schema, Draw d)
    {
        var count = d.Int(1000, 5000);
        var values = new JsonArray();
        for (var i = 0; i < count; i++) { values.Add("value_" + i.ToString(CultureInfo.InvariantCulture)); }
        var name = FreshDefinition(schema, "HugeEnum");
        schema.Definitions[name] = new JsonObject { ["type"] = "string", ["enum"] = values };
        UseFrom(schema, d, name);
        return $"an enum of {count} values";
    }

    private static string DeepNesting(ServiceSchema schema, Draw d, int depth)
    {
        var name = FreshDefinition(schema, "Deep");
        JsonObject node = new() { ["type"] = "string" };
        for (var i = depth; i > 0; i--)
        {
            node = d.Chance(70)
                ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["n" + i.ToString(CultureInfo.InvariantCulture)] = node }, ["required"] = new JsonArray("n" + i.ToString(CultureInfo.InvariantCulture)) }
                : new JsonObject { ["type"] = "array", ["items"] = node };
        }
        if (node["type"]!.GetValue<string>() != "object") { node = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["root"] = node } }; }
        schema.Definitions[name] = node;
        UseFrom(schema, d, name);
        return $"nesting {depth} deep";
    }

    private static string Recursive(ServiceSchema schema, Draw d)
    {
        var name = FreshDefinition(schema, "Tree");
        schema.Definitions[name] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["label"] = new JsonObject { ["type"] = "string" },
                ["children"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = DefinitionsPrefix + name } },
                ["parent"] = new JsonObject { ["$ref"] = DefinitionsPrefix + name },
            },
        };
        UseFrom(schema, d, name);
        return "a recursive definition";
    }

    private static string UnicodeDefinition(ServiceSchema schema, Draw d)
    {
        var name = FreshDefinition(schema, d.Pick(["Ünïcödé", "名前型", "Данные", "Ελληνικά", "Ǆemal", "Ωmega"]));
        schema.Definitions[name] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["größe"] = new JsonObject { ["type"] = "integer" },
                ["名前"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("一", "二"), ["x-enumNames"] = new JsonArray("Yi", "Er") },
                ["emoji😀name"] = new JsonObject { ["type"] = "boolean" },
            },
        };
        UseFrom(schema, d, name);
        return "Unicode names";
    }

    // ---- mutations that must be reported ----

    private static string RefCycle(ServiceSchema schema, Draw d)
    {
        var a = FreshDefinition(schema, "LoopA");
        var b = FreshDefinition(schema, "LoopB");
        if (d.Chance(50))
        {
            schema.Definitions[a] = new JsonObject { ["$ref"] = DefinitionsPrefix + a };
            UseFrom(schema, d, a);
            return "a definition that is a reference to itself";
        }
        schema.Definitions[a] = new JsonObject { ["$ref"] = DefinitionsPrefix + b };
        schema.Definitions[b] = new JsonObject { ["$ref"] = DefinitionsPrefix + a };
        UseFrom(schema, d, d.Chance(50) ? a : b);
        return "two definitions that refer to each other";
    }

    private static string MissingBlock(ServiceSchema schema, Draw d)
    {
        var key = d.Pick(["x-dashscope-service", "x-dashscope-operations"]);
        schema.Root.Remove(key);
        return "no " + key;
    }

    private static string EmptyOperations(ServiceSchema schema, Draw d)
    {
        schema.Root["x-dashscope-operations"] = d.Chance(50) ? new JsonObject() : (JsonNode?)d.Pick<JsonNode?>([null, "none", 0, new JsonArray()]);
        return "operations empty or not an object";
    }

    private static string WrongEndpointKeywordType(ServiceSchema schema, Draw d)
    {
        var (owner, key) = d.Chance(40)
            ? (schema.Service, d.Pick(["name", "baseUrl"]))
            : (d.Pick(schema.Operations.Select(p => (JsonObject)p.Value!).ToList()), d.Pick(["method", "path", "mode", "model", "request", "response"]));
        owner[key] = d.Pick<JsonNode?>([null, 42, true, new JsonArray("x"), new JsonObject(), ""]);
        return $"'{key}' of the wrong JSON type";
    }

    private static string MissingOperationField(ServiceSchema schema, Draw d)
    {
        var op = d.Pick(schema.Operations.Select(p => p.Value).OfType<JsonObject>().ToList());
        var key = d.Pick(op.Select(p => p.Key).Where(k => k != "description").ToList());
        op.Remove(key);
        return "an operation without '" + key + "'";
    }

    private static string DanglingReference(ServiceSchema schema, Draw d)
    {
        var refs = AllObjects(schema.Root).Where(o => o["$ref"] is not null).ToList();
        if (refs.Count > 0 && d.Chance(50))
        {
            d.Pick(refs)["$ref"] = DefinitionsPrefix + "Missing" + d.Int(0, 9);
            return "a $ref to a missing definition";
        }
        var op = d.Pick(schema.Operations.Select(p => p.Value).OfType<JsonObject>().ToList());
        op["request"] = d.Pick(["#/definitions/Nope", "#/nowhere", "Req", DefinitionsPrefix]);
        return "an operation pointing at no definition";
    }

    private static string CollidingProperties(ServiceSchema schema, Draw d)
    {
        var target = Reachable(schema, d);
        if (target["properties"] is not JsonObject properties) { target["properties"] = properties = new JsonObject(); }
        var (a, b) = d.Pick([("foo_bar", "fooBar"), ("foo-bar", "FooBar"), ("a.b", "a_b"), ("größe", "Größe"), ("x1", "x_1"), ("Additional_properties", "z")]);
        properties[a] = new JsonObject { ["type"] = "string" };
        if (b != "z") { properties[b] = new JsonObject { ["type"] = "integer" }; }
        return $"properties '{a}' and '{b}' in one object";
    }

    private static string CollidingDefinitions(ServiceSchema schema, Draw d)
    {
        switch (d.Int(0, 2))
        {
            case 0:
            {
                // Two definitions whose names give the same type name.
                var first = FreshDefinition(schema, "Same_Name");
                var second = "SameName" + first.Substring("Same_Name".Length);
                schema.Definitions[first] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "string" } } };
                schema.Definitions[second] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["b"] = new JsonObject { ["type"] = "integer" } } };
                UseFrom(schema, d, first);
                UseFrom(schema, d, second);
                return $"definitions '{first}' and '{second}' give one type name";
            }
            case 1:
            {
                // A definition named like the inline object of another definition's property.
                var owner = FreshDefinition(schema, "Owner");
                schema.Definitions[owner] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["inner"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x"] = new JsonObject { ["type"] = "string" } } } } };
                schema.Definitions[owner + "Inner"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["y"] = new JsonObject { ["type"] = "boolean" } } };
                UseFrom(schema, d, owner);
                UseFrom(schema, d, owner + "Inner");
                return $"definition '{owner}Inner' and the inline object of '{owner}.inner'";
            }
            default:
            {
                // A definition named like a generated class.
                var service = schema.Service["name"]!.GetValue<string>();
                var name = d.Pick([service + "Client", service + "JsonContext", service + "ClientOptions"]);
                if (schema.Service["clientName"] is not null) { name = service + "JsonContext"; }
                schema.Definitions[name] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                UseFrom(schema, d, name);
                return $"definition '{name}' named like a generated class";
            }
        }
    }

    private static string KeywordServiceName(ServiceSchema schema, Draw d)
    {
        var (key, value) = d.Pick<(string, string)>([("name", "class"), ("name", "namespace"), ("name", "1Service"), ("name", "Has Space"), ("namespace", "A.class"), ("namespace", "A..B"), ("clientName", "int"), ("clientName", "")]);
        if (key == "clientName" && value.Length == 0) { value = "bad-name"; }
        schema.Service[key] = value;
        return $"x-dashscope-service.{key} = '{value}'";
    }

    private static string UnsupportedKeyword(ServiceSchema schema, Draw d)
    {
        var name = FreshDefinition(schema, "Unsupported");
        var keyword = d.Pick(["patternProperties", "if", "propertyNames", "dependencies", "additionalItems", "contains"]);
        schema.Definitions[name] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "string" } }, [keyword] = new JsonObject { ["x"] = new JsonObject() } };
        if (keyword == "dependencies") { schema.Definitions[name]![keyword] = new JsonObject { ["a"] = new JsonArray("b") }; }
        UseFrom(schema, d, name);
        return "unsupported keyword " + keyword;
    }

    private static string NonStringEnum(ServiceSchema schema, Draw d)
    {
        var name = FreshDefinition(schema, "Numbers");
        schema.Definitions[name] = d.Chance(50)
            ? new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(1, 2, 3) }
            : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("a", 1, null) };
        UseFrom(schema, d, name);
        return "an enum of values that are not strings";
    }

    private static string SymbolOnlyName(ServiceSchema schema, Draw d)
    {
        var name = d.Pick(["★", "---", "_", "😀", "...", "§"]);
        if (d.Chance(50))
        {
            schema.Definitions[name] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            UseFrom(schema, d, name);
            return $"definition named '{name}'";
        }
        var target = Reachable(schema, d);
        if (target["properties"] is not JsonObject properties) { target["properties"] = properties = new JsonObject(); }
        properties[name] = new JsonObject { ["type"] = "string" };
        return $"property named '{name}'";
    }

    // ---- mutations whose verdict is not known in advance ----

    private static string WrongTypeAnywhere(ServiceSchema schema, Draw d)
    {
        var keywords = new[] { "type", "properties", "required", "enum", "items", "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "minItems", "pattern", "format", "$ref", "description", "default", "x-enumNames", "x-dashscope-time-format", "terminalStatuses", "successStatus", "recommendedPollIntervalSeconds", "query", "cancel", "list", "task", "error", "x-dashscope-errors", "definitions" };
        var candidates = AllObjects(schema.Root).SelectMany(o => o.Where(p => keywords.Contains(p.Key)).Select(p => (Owner: o, p.Key))).ToList();
        if (candidates.Count == 0) { return "nothing to change"; }
        var (owner, key) = d.Pick(candidates);
        var old = owner[key];
        JsonNode? replacement;
        do { replacement = AnyValue(d, 1); }
        while (replacement?.GetValueKind() == old?.GetValueKind());
        owner[key] = replacement;
        return $"'{key}' changed from {old?.GetValueKind()} to {replacement?.ToJsonString() ?? "null"}";
    }

    private static string MemberLikeNames(ServiceSchema schema, Draw d)
    {
        // Names that are legal in JSON and PascalCase to names C# or the generated code already uses.
        var name = d.Pick(["equals", "get_hash_code", "to_string", "get_type", "memberwise_clone", "reference_equals", "finalize", "print_members", "deconstruct", "clone", "value", "is_known", "instance", "options"]);
        switch (d.Int(0, 3))
        {
            case 0:
            {
                var target = Reachable(schema, d);
                if (target["properties"] is not JsonObject properties) { target["properties"] = properties = new JsonObject(); }
                properties[name] = new JsonObject { ["type"] = "string" };
                return $"property '{name}'";
            }
            case 1:
            {
                var definition = FreshDefinition(schema, name);
                schema.Definitions[definition] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "string" } } };
                UseFrom(schema, d, definition);
                return $"definition '{definition}'";
            }
            case 2:
            {
                var definition = FreshDefinition(schema, "Names");
                schema.Definitions[definition] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(name, "other") };
                UseFrom(schema, d, definition);
                return $"enum value '{name}'";
            }
            default:
            {
                // A definition and another whose type name is the first one's converter.
                var definition = FreshDefinition(schema, "Conv");
                schema.Definitions[definition] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                schema.Definitions[definition + "Converter"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                UseFrom(schema, d, definition);
                UseFrom(schema, d, definition + "Converter");
                return $"definitions '{definition}' and '{definition}Converter'";
            }
        }
    }

    private static (string Text, string Note) DamageText(string text, Draw d)
    {
        var at = d.Int(0, Math.Max(0, text.Length - 1));
        switch (d.Int(0, 5))
        {
            case 0: return (text.Substring(0, at), $"cut at {at}");
            case 1:
            {
                var length = d.Int(1, 8);
                length = Math.Min(length, text.Length - at);
                return (text.Remove(at, length), $"{length} chars deleted at {at}");
            }
            case 2:
            {
                var insert = d.Pick(["{", "}", "[", "]", ":", ",", "\"", "'", "\\", "\0", "\uFEFF", "\ud800", "//", "/*", "NaN", "01", "undefined", ",,"]);
                return (text.Insert(at, insert), $"'{insert}' inserted at {at}");
            }
            case 3:
            {
                // Duplicate a key: copy one "name": into the same object.
                var quote = text.IndexOf("\":", at, StringComparison.Ordinal);
                if (quote < 0) { return (text + "}", "a brace appended"); }
                var open = text.LastIndexOf('"', quote - 1);
                var key = text.Substring(open, quote - open + 1);
                return (text.Insert(open, key + ": null, "), $"key {key} duplicated");
            }
            case 4:
            {
                // Swap two structural characters.
                var brackets = Enumerable.Range(0, text.Length).Where(i => "{}[]".Contains(text[i], StringComparison.Ordinal)).ToList();
                var i = d.Pick(brackets);
                var replacement = text[i] switch { '{' => '[', '[' => '{', '}' => ']', _ => '}' };
                var chars = text.ToCharArray();
                chars[i] = replacement;
                return (new string(chars), $"'{text[i]}' at {i} swapped for '{replacement}'");
            }
            default:
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var i = d.Int(0, bytes.Length - 1);
                bytes[i] ^= (byte)(1 << d.Int(0, 7));
                return (Encoding.UTF8.GetString(bytes), $"bit flipped in byte {i}");
            }
        }
    }

    // ---- helpers ----

    /// <summary>Strict JSON as System.Text.Json reads it (no trailing commas, no repeated keys); comments are allowed, as the generator allows them.</summary>
    public static bool IsStrictJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false, MaxDepth = 64 });
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: a lone surrogate, which is not text JSON can carry.
            return false;
        }
    }

    private static string WithoutControlCharacters(string text) =>
        string.Concat(text.Select(c => c < ' ' && c is not ('\t' or '\n' or '\r') ? ' ' : c));

    private static string FreshDefinition(ServiceSchema schema, string stem)
    {
        for (var i = 0; ; i++)
        {
            var name = i == 0 ? stem : stem + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (!schema.Definitions.ContainsKey(name) && !schema.TypeNames.Any(t => t.StartsWith(ValidSchemas.Pascal(ValidSchemas.SplitWire(name)), StringComparison.Ordinal)))
            {
                schema.TypeNames.Add(ValidSchemas.Pascal(ValidSchemas.SplitWire(name)));
                return name;
            }
        }
    }

    /// <summary>Makes <paramref name="definition"/> reachable: a new optional property of an operation's request refers to it.</summary>
    private static void UseFrom(ServiceSchema schema, Draw d, string definition)
    {
        var owner = Reachable(schema, d);
        if (owner["properties"] is not JsonObject properties) { owner["properties"] = properties = new JsonObject(); }
        var wire = "use_" + properties.Count.ToString(CultureInfo.InvariantCulture) + "_" + schema.Definitions.Count.ToString(CultureInfo.InvariantCulture);
        properties[wire] = new JsonObject { ["$ref"] = DefinitionsPrefix + definition };
    }

    /// <summary>An object definition the generator walks: the request of one of the operations (only reachable definitions become types).</summary>
    private static JsonObject Reachable(ServiceSchema schema, Draw d)
    {
        var request = d.Pick(schema.Operations.Select(p => p.Value!["request"]!.GetValue<string>()).ToList());
        return (JsonObject)schema.Definitions[request.Substring(DefinitionsPrefix.Length)]!;
    }

    private static IEnumerable<JsonObject> AllObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, value) in o.ToList()) { foreach (var inner in AllObjects(value)) { yield return inner; } }
                break;
            case JsonArray a:
                foreach (var value in a.ToList()) { foreach (var inner in AllObjects(value)) { yield return inner; } }
                break;
        }
    }

    private static JsonNode? AnyValue(Draw d, int depth) => d.Int(0, depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => d.Chance(50),
        2 => d.Pick([0, -1, 42, int.MaxValue]),
        3 => d.Pick([0.5, -1e-7, 1e20]),
        4 => d.Pick(["", "text", "#/definitions/Nope", "string", "名前", "\n"]),
        5 => (JsonNode)(long)d.Int(0, 100),
        6 => "x",
        7 => new JsonArray(AnyValue(d, depth - 1), AnyValue(d, depth - 1)),
        _ => new JsonObject { ["k"] = AnyValue(d, depth - 1) },
    };

    private static string RandomText(Draw d, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(d.Int(0, 9) switch
            {
                0 => (char)d.Int(0, 31),
                1 => (char)d.Int(0xD800, 0xDFFF),
                2 => (char)d.Int(0x80, 0xFFFD),
                _ => (char)d.Int(32, 126),
            });
        }
        return builder.ToString();
    }
}
