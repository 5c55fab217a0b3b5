using System.Text.Json;
using DashScope.LivePortrait;
using DashScope.Toolkit.GeneratedCodeSupport;

namespace DashScope.Toolkit.Tests.GeneratedCodeSupport;

/// <summary>
/// The runtime's table-driven JSON converter (what every generated record's JSON goes through): the wire format of
/// each value kind, round trips, and the errors of malformed JSON, worded as the per-type converters worded them.
/// </summary>
public sealed class TableConverterTests
{
    private const string Full =
        """{"name":"n","count":3,"ratio":0.5,"big":9007199254740993,"flag":false,"local_time":"2025-12-26 10:11:12.345","epoch":1700000000123,"raw":{"a":[1,null]},"template":"calm","child":{"name":"c","count":0,"kind":"sample"},"tags":["x","y"],"children":[{"name":"d","count":1,"kind":"other"}],"kind":"sample"}""";

    [Fact]
    public void Every_value_kind_round_trips_to_the_same_json()
    {
        var value = SampleTable.Read(Full);

        Assert.Equal("n", value.Name);
        Assert.Equal(3, value.Count);
        Assert.Equal(0.5, value.Ratio);
        Assert.Equal(9007199254740993L, value.Big);
        Assert.False(value.Flag);
        Assert.Equal(new DateTimeOffset(2025, 12, 26, 10, 11, 12, 345, TimeSpan.FromHours(8)), value.LocalTime);
        Assert.Equal(TimeSpan.FromHours(8), value.LocalTime!.Value.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), value.Epoch);
        Assert.Equal(JsonValueKind.Object, value.Raw!.Value.ValueKind);
        Assert.Equal(TemplateId.Calm, value.Template);
        Assert.Equal("c", value.Child!.Name);
        Assert.Equal(["x", "y"], value.Tags!);
        Assert.Equal("other", Assert.Single(value.Children!).Kind);
        Assert.Null(value.AdditionalProperties);
        Assert.Equal(Full, SampleTable.Write(value));
    }

    [Fact]
    public void Absent_optional_properties_are_left_out_and_required_value_types_are_always_written()
    {
        Assert.Equal("""{"name":"n","count":0,"kind":"sample"}""", SampleTable.Write(new SampleRecord { Name = "n", Count = 0 }));
    }

    [Fact]
    public void A_json_null_for_an_optional_property_reads_as_absent()
    {
        var value = SampleTable.Read("""{"name":"n","count":1,"ratio":null,"template":null,"child":null,"tags":null}""");
        Assert.Null(value.Ratio);
        Assert.Null(value.Template);
        Assert.Null(value.Child);
        Assert.Null(value.Tags);
        Assert.Equal("""{"name":"n","count":1,"kind":"sample"}""", SampleTable.Write(value));
    }

    [Fact]
    public void A_raw_value_keeps_a_json_null_as_a_value()
    {
        var value = SampleTable.Read("""{"name":"n","count":1,"raw":null}""");
        Assert.Equal(JsonValueKind.Null, value.Raw!.Value.ValueKind);
        Assert.Equal("""{"name":"n","count":1,"raw":null,"kind":"sample"}""", SampleTable.Write(value));
    }

    [Fact]
    public void An_absent_fixed_value_takes_its_default()
    {
        Assert.Equal("sample", SampleTable.Read("""{"name":"n","count":1}""").Kind);
        Assert.Equal("other", SampleTable.Read("""{"name":"n","count":1,"kind":"other"}""").Kind);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_order_and_written_back_after_the_known_ones()
    {
        var value = SampleTable.Read("""{"zeta":{"deep":[true]},"name":"n","count":1,"alpha":7}""");

        Assert.Equal(["zeta", "alpha"], value.AdditionalProperties!.Keys.ToArray());
        Assert.Equal("""{"name":"n","count":1,"kind":"sample","zeta":{"deep":[true]},"alpha":7}""", SampleTable.Write(value));
    }

    [Fact]
    public void Unknown_enum_values_are_kept_and_written_back()
    {
        var value = SampleTable.Read("""{"name":"n","count":1,"template":"wild"}""");
        Assert.False(value.Template!.Value.IsKnown);
        Assert.Equal("wild", value.Template.Value.Value);
        Assert.Contains("\"template\":\"wild\"", SampleTable.Write(value));
    }

    [Theory]
    [InlineData("""{"count":1}""", "SampleRecord lacks its required field 'name'.")]
    [InlineData("""{"name":"n"}""", "SampleRecord lacks its required field 'count'.")]
    [InlineData("""{"name":null,"count":1}""", "SampleRecord lacks its required field 'name'.")]
    [InlineData("""{"name":"n","count":null}""", "SampleRecord lacks its required field 'count'.")]
    [InlineData("""{"name":"n","count":1,"child":{"count":1}}""", "SampleRecord lacks its required field 'name'.")]
    public void A_missing_or_null_required_field_is_an_error_naming_the_type_and_field(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<JsonException>(() => SampleTable.Read(json)).Message);
    }

    [Theory]
    [InlineData("""{"name":5,"count":1}""", "Field 'name' must be a string, found Number.")]
    [InlineData("""{"name":"n","count":"1"}""", "Field 'count' must be an integer, found String.")]
    [InlineData("""{"name":"n","count":1.5}""", "Field 'count' must be an integer in 32-bit range.")]
    [InlineData("""{"name":"n","count":4294967296}""", "Field 'count' must be an integer in 32-bit range.")]
    [InlineData("""{"name":"n","count":1,"ratio":true}""", "Field 'ratio' must be a number, found True.")]
    [InlineData("""{"name":"n","count":1,"big":1e30}""", "Field 'big' must be an integer in 64-bit range.")]
    [InlineData("""{"name":"n","count":1,"flag":0}""", "Field 'flag' must be a boolean, found Number.")]
    [InlineData("""{"name":"n","count":1,"local_time":"26/12/2025"}""", "Field 'local_time' must be a time like 'yyyy-MM-dd HH:mm:ss.fff', got '26/12/2025'.")]
    [InlineData("""{"name":"n","count":1,"epoch":"soon"}""", "Field 'epoch' must be an integer, found String.")]
    [InlineData("""{"name":"n","count":1,"template":3}""", "Field 'TemplateId' must be a string, found Number.")]
    [InlineData("""{"name":"n","count":1,"child":[]}""", "Expected a JSON object for SampleRecord, found StartArray.")]
    [InlineData("""{"name":"n","count":1,"tags":"x"}""", "Field 'tags' must be an array, found String.")]
    [InlineData("""{"name":"n","count":1,"tags":["x",null]}""", "Field 'tags[]' holds a null item.")]
    [InlineData("""{"name":"n","count":1,"tags":["x",2]}""", "Field 'tags[]' must be a string, found Number.")]
    [InlineData("""{"name":"n","count":1,"children":[null]}""", "Field 'children[]' holds a null item.")]
    [InlineData("""[1]""", "Expected a JSON object for SampleRecord, found StartArray.")]
    public void A_value_of_the_wrong_json_type_is_an_error_naming_the_field(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<JsonException>(() => SampleTable.Read(json)).Message);
    }

    [Fact]
    public void A_json_null_at_the_top_reads_as_null()
    {
        Assert.Null(JsonSerializer.Deserialize("null", SampleTable.Info));
    }

    [Fact]
    public void A_time_is_written_in_the_service_zone_whatever_the_offset_of_the_value()
    {
        var value = new SampleRecord { Name = "n", Count = 1, LocalTime = new DateTimeOffset(2025, 12, 26, 2, 11, 12, 345, TimeSpan.Zero) };
        Assert.Contains("\"local_time\":\"2025-12-26 10:11:12.345\"", SampleTable.Write(value));
    }

    [Fact]
    public void The_last_of_repeated_fields_wins()
    {
        Assert.Equal("b", SampleTable.Read("""{"name":"a","count":1,"name":"b"}""").Name);
    }

    [Fact]
    public void A_table_that_names_a_field_twice_is_refused_when_built()
    {
        var error = Assert.Throws<ArgumentException>(() => new DashScopeJsonObjectConverter<SampleRecord>("Twice",
            static f => new() { Name = f.Get<string>(0), Count = 0 },
            static v => v.AdditionalProperties,
            new("name", static v => v.Name, DashScopeJsonCodecs.String),
            new("name", static v => v.Kind, DashScopeJsonCodecs.String)));
        Assert.Contains("'name'", error.Message);
    }

    [Fact]
    public void The_table_exposes_its_wire_names_and_required_flags_in_order()
    {
        var properties = SampleTable.Converter.Properties;
        Assert.Equal(["name", "count", "ratio", "big", "flag", "local_time", "epoch", "raw", "template", "child", "tags", "children", "kind"], properties.Select(p => p.WireName));
        Assert.Equal(["name", "count"], properties.Where(p => p.Required).Select(p => p.WireName));
    }

    [Fact]
    public void An_enum_converter_refuses_a_json_null_at_the_top()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("null", LivePortraitJsonContext.Default.TemplateId));
        Assert.Equal("TemplateId cannot be null.", error.Message);
    }
}
