using System.Text.Json.Nodes;
using DashScope.Emulator.Recording;
using DashScope.Emulator.Recording.Drift;

namespace DashScope.Emulator.Tests.Recording;

/// <summary>The comparer's rules one by one: what is compared by value, by type, by format, and what is not compared.</summary>
public sealed class AnswerComparerTests
{
    private const string Recorded = """
        {"request_id":"2b1c2d36-6f2f-4f7e-9a43-bd0f5b6ac8c1","output":{"task_id":"0385dc79-5ff8-4d82-bcb6-5d6b2a5d0d9b",
         "submit_time":"2025-12-26 11:33:03.146","video_url":"https://x.oss.example/a.mp4?Signature=scrubbed","count":3,
         "results":[{"url":"https://x/1"}]}}
        """;

    [Fact]
    public void Ids_times_links_and_counts_that_differ_in_value_only_are_no_drift()
    {
        var actual = """
            {"request_id":"9f0e1c36-1111-4f7e-9a43-bd0f5b6ac8c1","output":{"task_id":"11111111-5ff8-4d82-bcb6-5d6b2a5d0d9b",
             "submit_time":"2030-01-01 00:00:00.000","video_url":"http://127.0.0.1:5/r.mp4?Signature=abc","count":9,
             "results":[{"url":"https://y/2"},{"url":"https://y/3"}]}}
            """;

        Assert.Empty(Compare(Recorded, actual));
    }

    [Fact]
    public void A_time_that_became_text_is_a_format_drift_and_a_number_that_became_a_string_a_type_drift()
    {
        var actual = Recorded.Replace("\"2025-12-26 11:33:03.146\"", "\"yesterday\"", StringComparison.Ordinal).Replace("\"count\":3", "\"count\":\"3\"", StringComparison.Ordinal);

        Assert.Equal(
            [("$.output.count", DriftKind.Type, "number", "string"), ("$.output.submit_time", DriftKind.Format, "time", "text")],
            Compare(Recorded, actual).Select(d => (d.Field, d.Kind, d.Recorded, d.Actual)));
    }

    [Fact]
    public void A_field_only_the_target_has_is_extra_and_array_elements_count_only_when_both_sides_have_some()
    {
        var actual = Recorded.Replace("\"count\":3,", "\"count\":3,\"region\":\"cn-beijing\",", StringComparison.Ordinal)
            .Replace("[{\"url\":\"https://x/1\"}]", "[]", StringComparison.Ordinal);

        var difference = Assert.Single(Compare(Recorded, actual));
        Assert.Equal(("$.output.region", DriftKind.ExtraField, (string?)null, "string (text)"), (difference.Field, difference.Kind, difference.Recorded, difference.Actual));
    }

    [Fact]
    public void The_storage_s_XML_errors_are_compared_by_their_code()
    {
        var recorded = new CassetteResponse { Status = 403, Text = "<Error><Code>AccessDenied</Code></Error>" };

        var differences = AnswerComparer.Compare(recorded, 400, null, "<Error><Code>EntityTooLarge</Code></Error>").ToList();

        Assert.Equal([("status", DriftKind.Status), ("Code", DriftKind.ErrorCode)], differences.Select(d => (d.Field, d.Kind)));
    }

    private static List<(string Field, DriftKind Kind, string? Recorded, string? Actual)> Compare(string recorded, string actual) =>
        AnswerComparer.Compare(new CassetteResponse { Status = 200, Body = JsonNode.Parse(recorded) }, 200, JsonNode.Parse(actual), null).ToList();
}
