using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static DashScope.Toolkit.Generator.Tests.MiniSchemas;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// Each bad schema yields its DSG diagnostic at the line and column of the offending text (one-based, as an
/// editor shows them), generates nothing, and never crashes the generator. The compilation's own warnings are
/// verified too, so a generator crash (CS8785) would fail every test here.
/// </summary>
public sealed class DiagnosticTests
{
    private const string File = "/Schemas/mini.schema.json";

    private static Task Verify(string schema, params DiagnosticResult[] expected)
    {
        var test = new GeneratorTest().WithSchema(File, schema);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult At(string id, int line, int column, int endLine, int endColumn) => Diag.At(id, File, line, column, endLine, endColumn);

    [Fact]
    public Task Both_mini_schemas_are_valid() => Task.WhenAll(
        new GeneratorTest().WithSchema(File, Sync()).IgnoringGeneratedSources().RunAsync(),
        new GeneratorTest().WithSchema("/Schemas/async.schema.json", Async()).IgnoringGeneratedSources().RunAsync());

    // DSG001: not JSON

    [Fact]
    public Task DSG001_truncated_file_points_at_the_last_token_read()
    {
        var truncated = Sync().Substring(0, Sync().IndexOf("\"Req\"", StringComparison.Ordinal)).TrimEnd();
        return Verify(truncated, At("DSG001", 6, 18, 6, 19));
    }

    [Fact]
    public Task DSG001_trailing_comma_in_an_object_points_at_the_comma() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string", } } },"""), At("DSG001", 7, 74, 7, 75));

    [Fact]
    public Task DSG001_trailing_comma_in_an_array_points_at_the_comma() =>
        Verify(Async(tasks: Tasks.Replace("\"FAILED\" ]", "\"FAILED\", ]", StringComparison.Ordinal)), At("DSG001", 6, 255, 6, 256));

    [Fact]
    public Task DSG001_commas_and_brackets_inside_strings_and_comments_are_not_trailing_commas() =>
        new GeneratorTest()
            .WithSchema(File, Sync().Replace("\"name\": \"Mini\",", "\"name\": \"Mini\", \"description\": \"a, ] b,}\", // c, }\n", StringComparison.Ordinal))
            .IgnoringGeneratedSources()
            .RunAsync();

    [Fact]
    public Task DSG001_duplicate_key_points_just_after_the_repeated_name() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" }, "text": { "type": "string" } } },"""), At("DSG001", 7, 84, 7, 85));

    [Fact]
    public Task DSG001_missing_value_points_at_the_separator_after_the_gap() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": , "x": 1 } } },"""), At("DSG001", 7, 66, 7, 67));

    [Fact]
    public Task DSG001_top_level_array_points_at_its_bracket() =>
        Verify("[\n  { \"x-dashscope-service\": { \"name\": \"Mini\" } }\n]\n", At("DSG001", 1, 1, 1, 2).WithArguments("mini.schema.json", "the top level must be a JSON object"));

    [Fact]
    public Task DSG001_text_after_the_object_points_at_it() =>
        Verify(Sync() + "{ }\n", At("DSG001", 11, 1, 11, 2));

    [Fact]
    public Task DSG001_empty_file_points_at_its_start() =>
        Verify(string.Empty, At("DSG001", 1, 1, 1, 1));

    // DSG002: JSON, but not a schema NJsonSchema can read

    [Fact]
    public Task DSG002_ref_to_a_missing_definition_points_at_the_ref() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "$ref": "#/definitions/Missing" } } },"""), At("DSG002", 7, 58, 7, 64));

    [Fact]
    public Task DSG002_reference_to_another_file_points_at_the_ref() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "$ref": "other.schema.json#/definitions/Text" } } },"""),
            At("DSG002", 7, 58, 7, 64).WithArguments("mini.schema.json", "the external reference 'other.schema.json#/definitions/Text' is not supported: keep every definition in the schema file"));

    [Fact]
    public Task DSG002_cycle_of_references_points_at_its_first_ref() =>
        Verify(Sync("""    "Req": { "$ref": "#/definitions/Loop" }, "Loop": { "$ref": "#/definitions/Req" },"""), At("DSG002", 7, 14, 7, 20));

    // DSG003: constructs the generated types cannot express

    [Fact]
    public Task DSG003_oneOf_on_a_property_points_at_the_property() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] } } },"""), At("DSG003", 7, 48, 7, 54));

    [Fact]
    public Task DSG003_oneOf_branch_adding_properties_points_at_the_branch() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" } }, "oneOf": [ { "properties": { "extra": { "type": "string" } } } ] },"""), At("DSG003", 7, 91, 7, 92));

    [Fact]
    public Task DSG003_oneOf_branch_constraining_declared_properties_is_accepted() =>
        new GeneratorTest()
            .WithSchema(File, Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" } }, "oneOf": [ { "required": [ "text" ] }, { "properties": { "text": { "maxLength": 3 } } } ] },"""))
            .IgnoringGeneratedSources()
            .RunAsync();

    [Fact]
    public Task DSG003_patternProperties_points_at_the_keyword() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" } }, "patternProperties": { "^x-": { "type": "string" } } },"""), At("DSG003", 7, 80, 7, 99));

    [Fact]
    public Task DSG003_if_then_points_at_each_keyword() =>
        Verify(
            Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" } }, "if": { "required": [ "text" ] }, "then": { "required": [ "text" ] } },"""),
            At("DSG003", 7, 80, 7, 84),
            At("DSG003", 7, 114, 7, 120));

    [Fact]
    public Task DSG003_tuple_items_point_at_items() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "pair": { "type": "array", "items": [ { "type": "string" }, { "type": "integer" } ] } } },"""), At("DSG003", 7, 75, 7, 82));

    [Fact]
    public Task DSG003_type_list_points_at_the_property() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "text": { "type": [ "string", "integer" ] } } },"""), At("DSG003", 7, 48, 7, 54));

    [Fact]
    public Task DSG003_integer_enum_points_at_enum() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "level": { "type": "integer", "enum": [ 1, 2, 3 ] } } },"""), At("DSG003", 7, 78, 7, 84));

    // DSG004: endpoint keywords

    [Fact]
    public Task DSG004_missing_service_points_at_the_top_object() =>
        Verify(Async(service: null), At("DSG004", 1, 1, 1, 2).WithArguments("mini.schema.json", "the keyword 'x-dashscope-service' is missing"));

    [Fact]
    public Task DSG004_missing_operations_points_at_the_top_object() =>
        Verify(Lines("{", Service, """  "definitions": {""", Req, Res, "  }", "}"), At("DSG004", 1, 1, 1, 2).WithArguments("mini.schema.json", "the keyword 'x-dashscope-operations' is missing"));

    [Fact]
    public Task DSG004_empty_operations_points_at_the_keyword() =>
        Verify(Async(operations: []), At("DSG004", 3, 3, 3, 27));

    [Fact]
    public Task DSG004_unsupported_method_points_at_the_value() =>
        Verify(Async(operations: [Run.Replace("\"POST\"", "\"PUT\"", StringComparison.Ordinal)]), At("DSG004", 4, 24, 4, 29));

    [Fact]
    public Task DSG004_unknown_mode_points_at_the_value() =>
        Verify(Async(operations: [Run.Replace("\"async\"", "\"streaming\"", StringComparison.Ordinal)]), At("DSG004", 4, 56, 4, 67));

    [Fact]
    public Task DSG004_async_operation_without_tasks_points_at_the_top_object() =>
        Verify(Async(tasks: null), At("DSG004", 1, 1, 1, 2));

    [Fact]
    public Task DSG004_missing_model_points_at_the_operation() =>
        Verify(Async(operations: [Run.Replace(" \"model\": \"run\",", string.Empty, StringComparison.Ordinal)]),
            At("DSG004", 4, 5, 4, 10).WithArguments("mini.schema.json", "'x-dashscope-operations.Run.model' is missing"));

    [Fact]
    public Task DSG004_task_path_without_task_id_points_at_the_path() =>
        Verify(Async(tasks: Tasks.Replace("\"/tasks/{task_id}\"", "\"/tasks/\"", StringComparison.Ordinal)), At("DSG004", 6, 45, 6, 54));

    // DSG005: references from the endpoint keywords

    [Fact]
    public Task DSG005_operation_request_naming_no_definition_points_at_the_reference() =>
        Verify(Sync(Req.Replace("\"Req\"", "\"Request\"", StringComparison.Ordinal)),
            At("DSG005", 4, 94, 4, 113).WithArguments("x-dashscope-operations.Ping.request", "#/definitions/Req", "mini.schema.json"));

    [Fact]
    public Task DSG005_escaped_reference_is_located_at_its_whole_literal() =>
        Verify(Async(operations: [Run.Replace("\"#/definitions/Req\"", "\"#/definitions/R\\u0065x\"", StringComparison.Ordinal)]), At("DSG005", 4, 92, 4, 116));

    // DSG006: two schemas, one namespace

    [Fact]
    public async Task DSG006_second_schema_declaring_the_same_type_points_at_its_definition()
    {
        var other = Sync().Replace("\"name\": \"Mini\"", "\"name\": \"Other\"", StringComparison.Ordinal);
        var test = new GeneratorTest().WithSchema("/Schemas/a.schema.json", Sync()).WithSchema("/Schemas/b.schema.json", other).IgnoringGeneratedSources();
        test.ExpectedDiagnostics.Add(Diag.At("DSG006", "/Schemas/b.schema.json", 7, 5, 7, 10).WithArguments("b.schema.json", "Mini.Api.Req", "a.schema.json"));
        test.ExpectedDiagnostics.Add(Diag.At("DSG006", "/Schemas/b.schema.json", 8, 5, 8, 10).WithArguments("b.schema.json", "Mini.Api.Res", "a.schema.json"));
        await test.RunAsync();
    }

    [Fact]
    public async Task DSG006_is_avoided_by_giving_one_schema_its_own_namespace_through_item_metadata()
    {
        var other = Sync().Replace("\"name\": \"Mini\"", "\"name\": \"Other\"", StringComparison.Ordinal);
        var test = new GeneratorTest()
            .WithSchema("/Schemas/a.schema.json", Sync())
            .WithSchema("/Schemas/b.schema.json", other)
            .WithGlobalConfig("[/Schemas/b.schema.json]\nbuild_metadata.AdditionalFiles.DashScopeNamespace = Consumer.Other\n")
            .IgnoringGeneratedSources();
        test.TestState.Sources.Add(("/Usage.cs", "namespace Consumer;\ninternal static class Usage\n{\n    public static object[] Both() => [new global::Mini.Api.Req(), new global::Consumer.Other.Req()];\n}\n"));
        await test.RunAsync();
    }

    // DSG007: names

    [Fact]
    public Task DSG007_two_properties_with_one_PascalCase_name_point_at_the_second() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "image_url": { "type": "string" }, "image-url": { "type": "string" } } },"""),
            At("DSG007", 7, 83, 7, 94).WithArguments("Req.image-url", "two properties of Req both become 'ImageUrl'"));

    [Fact]
    public Task DSG007_property_name_without_letters_points_at_it() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "---": { "type": "string" } } },"""), At("DSG007", 7, 48, 7, 53));

    [Fact]
    public Task DSG007_property_named_like_a_generated_member_points_at_it() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "validate": { "type": "string" } } },"""), At("DSG007", 7, 48, 7, 58));

    [Fact]
    public Task DSG007_enum_values_with_one_member_name_point_at_enum() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "mode": { "type": "string", "enum": [ "fast mode", "fast-mode" ] } } },"""), At("DSG007", 7, 76, 7, 82));

    [Fact]
    public Task DSG007_keyword_given_as_an_enum_member_name_points_at_enum() =>
        Verify(Sync("""    "Req": { "type": "object", "properties": { "mode": { "type": "string", "enum": [ "a", "b" ], "x-enumNames": [ "class", "B" ] } } },"""), At("DSG007", 7, 76, 7, 82));

    [Fact]
    public Task DSG007_service_name_that_is_not_an_identifier_points_at_it() =>
        Verify(Sync().Replace("\"name\": \"Mini\"", "\"name\": \"Mini Api\"", StringComparison.Ordinal), At("DSG007", 2, 36, 2, 46));

    [Fact]
    public Task DSG007_operation_whose_method_the_client_already_has_points_at_its_name() =>
        Verify(Async(operations: [Run + ",", Ping.Replace("\"Ping\"", "\"Submit\"", StringComparison.Ordinal)]),
            At("DSG007", 5, 5, 5, 13).WithArguments("Submit", "its method 'SubmitAsync' is already a member of the client; rename the operation"));

    [Fact]
    public Task DSG007_definition_named_like_the_generated_client_points_at_the_definition() =>
        Verify(Sync(Req).Replace("Res", "MiniClient", StringComparison.Ordinal), At("DSG007", 8, 5, 8, 17));

    /// <summary>
    /// Decision: wire names that are C# keywords (class, namespace, int), start with a digit, or use another
    /// script are fine: PascalCase never yields a lower-case keyword, a leading digit gets an underscore, and
    /// letters of any script are kept. They compile and keep their wire names.
    /// </summary>
    [Fact]
    public async Task Keyword_digit_and_unicode_wire_names_become_usable_members()
    {
        var test = new GeneratorTest()
            .WithSchema(File, Sync("""    "Req": { "type": "object", "properties": { "class": { "type": "string" }, "namespace": { "type": "integer" }, "名前": { "type": "string" }, "2d": { "type": "boolean" }, "req": { "type": "string" } } },"""))
            .IgnoringGeneratedSources();
        test.TestState.Sources.Add(("/Usage.cs", """
            namespace Consumer;
            internal static class Usage
            {
                public static global::Mini.Api.Req Make() => new() { Class = "c", Namespace = 1, 名前 = "n", _2d = true, ReqValue = "r" };
                public static string Wire() => global::System.Text.Json.JsonSerializer.Serialize(Make(), global::Mini.Api.MiniJsonContext.Default.Req);
            }
            """));
        await test.RunAsync();
    }
}
