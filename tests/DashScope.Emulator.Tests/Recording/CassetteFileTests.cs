using System.Text;
using DashScope.Emulator.Recording;

namespace DashScope.Emulator.Tests.Recording;

public sealed class CassetteFileTests
{
    private const string Valid = """
        {
          "format": "dashscope-cassette",
          "version": 1,
          "exchanges": [
            {
              "id": 1,
              "request": { "method": "POST", "path": "/api/v1/services/aigc/image2video/video-synthesis/" },
              "response": { "status": 200, "body": { "output": { "task_id": "t-1", "task_status": "PENDING" } } }
            }
          ],
          "tasks": [
            {
              "taskId": "t-1",
              "submittedBy": 1,
              "timeline": [
                { "status": "PENDING", "firstSeen": 0, "lastSeen": 4, "polls": 5, "response": { "status": 200 } }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void A_valid_cassette_reads()
    {
        var cassette = Parse(Valid);

        Assert.Equal("t-1", Assert.Single(cassette.Tasks).TaskId);
        Assert.Equal(4, cassette.Tasks[0].Timeline[0].LastSeen);
    }

    [Fact]
    public void Malformed_JSON_names_its_line()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"version\": 1,", "\"version\": 1,,", StringComparison.Ordinal)));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("Cassette 'test.json', line 3: is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_cassette_says_so_with_its_last_line()
    {
        var truncated = Valid[..Valid.IndexOf("\"tasks\"", StringComparison.Ordinal)];

        var error = Assert.Throws<CassetteException>(() => Parse(truncated));

        Assert.Contains("truncated", error.Problem, StringComparison.Ordinal);
        Assert.Equal(truncated.Split('\n').Length, error.Line);
    }

    [Fact]
    public void A_newer_format_version_is_refused_naming_the_version_line()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)));

        Assert.Equal(3, error.Line);
        Assert.Contains("format version 2", error.Problem, StringComparison.Ordinal);
        Assert.Contains("up to 1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_cassette_is_refused()
    {
        var error = Assert.Throws<CassetteException>(() => Parse("""{ "format": "har", "version": 1, "exchanges": [] }"""));

        Assert.Contains("not a cassette", error.Problem, StringComparison.Ordinal);
        Assert.Throws<CassetteException>(() => Parse("[1, 2]"));
    }

    [Fact]
    public void A_missing_required_field_names_the_line_of_its_object()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"method\": \"POST\", ", "", StringComparison.Ordinal)));

        Assert.Contains("method", error.Problem, StringComparison.Ordinal);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void A_wrong_type_names_its_line()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"status\": 200, \"body\"", "\"status\": \"ok\", \"body\"", StringComparison.Ordinal)));

        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void A_task_submitted_by_an_exchange_the_cassette_lacks_names_the_line()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"submittedBy\": 1", "\"submittedBy\": 7", StringComparison.Ordinal)));

        Assert.Equal(14, error.Line);
        Assert.Contains("exchange 7", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeline_that_goes_back_in_time_names_the_entry_line()
    {
        var error = Assert.Throws<CassetteException>(() => Parse(Valid.Replace("\"lastSeen\": 4", "\"lastSeen\": -1", StringComparison.Ordinal)));

        Assert.Equal(16, error.Line);
        Assert.Contains("back in time", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");

        var error = Assert.Throws<CassetteException>(() => CassetteFile.Load(path));

        Assert.Equal(path, error.File);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_cassette_is_never_half_applied_an_emulator_is_never_started_with_it()
    {
        var path = Path.Combine(RecordingRig.CassetteDirectory, "truncated-on-purpose.txt");
        Directory.CreateDirectory(RecordingRig.CassetteDirectory);
        File.WriteAllText(path, Valid[..200]);
        LivePortraitEmulator? started = null;

        Assert.Throws<CassetteException>(() => started = LivePortraitEmulator.Start(o => o.Replay = CassetteFile.Load(path)));
        Assert.Null(started);
    }

    private static Cassette Parse(string text) => CassetteFile.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")), "test.json");
}
