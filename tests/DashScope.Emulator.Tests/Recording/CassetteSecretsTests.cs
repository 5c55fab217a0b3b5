namespace DashScope.Emulator.Tests.Recording;

public sealed class CassetteSecretsTests
{
    [Fact]
    public async Task No_cassette_written_by_the_tests_holds_a_key_or_a_signature()
    {
        // One full session of its own first (key, task, result link, policy, form post), so there is always one to scan.
        var rig = new RecordingRig(cassetteName: "secrets-scan-session");
        await rig.RunSessionAsync();
        var keyedFixture = rig.Upstream.Options.DemoApiKey;
        await rig.DisposeAsync();

        var written = Directory.GetFiles(RecordingRig.CassetteDirectory, "*.json");
        var committed = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cassettes"), "*.json");
        Assert.Contains(rig.CassettePath, written);
        Assert.NotEmpty(committed);
        foreach (var file in written.Concat(committed))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.True(text.Contains("\"format\": \"dashscope-cassette\"", StringComparison.Ordinal), file);
            Assert.Empty(CassetteSecrets.Find(text, RecordingRig.UpstreamKey, keyedFixture).Select(s => $"{Path.GetFileName(file)}: {s}"));
        }
    }

    [Fact]
    public void The_scan_finds_what_it_looks_for()
    {
        var leaky = """{"url":"https://x.oss.example/a.mp4?Expires=1&OSSAccessKeyId=LTAI5t&Signature=abc%3D","note":"sk-0123456789abcdef0123"}""";

        Assert.Equal(5, CassetteSecrets.Find(leaky, "sk-0123456789abcdef0123").Count());
        Assert.Empty(CassetteSecrets.Find("""{"url":"https://x/a.mp4?Expires=scrubbed&Signature=scrubbed"}"""));
    }
}
