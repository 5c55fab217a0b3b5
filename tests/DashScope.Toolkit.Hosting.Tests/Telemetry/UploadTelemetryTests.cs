using System.Diagnostics;
using DashScope.Testing;
using DashScope.Toolkit.Hosting.Tests.Support;

namespace DashScope.Toolkit.Hosting.Tests.Telemetry;

/// <summary>
/// Local files uploaded and turned into a video on the emulator: the upload's spans (policy and forms under one
/// upload span), and no secret anywhere in the telemetry: not the key, not the signed policy, not a signed URL.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class UploadTelemetryTests(HostingFixture fixture) : IClassFixture<HostingFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashscope-hosting-").FullName;

    [Fact]
    public async Task An_upload_is_one_span_over_its_policy_call_and_one_form_per_file()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);
        var (image, audio) = WriteFiles();

        await fixture.Drive(host.Client.GenerateFromFilesAsync(image, audio));

        var upload = Assert.Single(capture.Named("dashscope.upload"));
        Assert.Equal("liveportrait", upload.GetTagItem("dashscope.model"));
        Assert.Equal(2, upload.GetTagItem("dashscope.upload.files"));
        Assert.Equal(new FileInfo(image).Length + new FileInfo(audio).Length, upload.GetTagItem("dashscope.upload.bytes"));
        var policy = Assert.Single(capture.Named("dashscope.upload.policy"));
        Assert.Equal(upload.SpanId, policy.ParentSpanId);
        Assert.Equal(("GET", 200), (policy.GetTagItem("http.request.method"), policy.GetTagItem("http.response.status_code")));
        var forms = capture.Named("dashscope.upload.form");
        Assert.Equal(2, forms.Count);
        Assert.All(forms, form =>
        {
            Assert.Equal(upload.SpanId, form.ParentSpanId);
            Assert.Equal("POST", form.GetTagItem("http.request.method"));
            Assert.InRange((int)form.GetTagItem("http.response.status_code")!, 200, 299);
            Assert.Equal(ActivityKind.Client, form.Kind);
        });
        var counted = capture.Points().Where(p => p.Instrument == DashScopeTelemetry.RequestsInstrument).ToList();
        Assert.Equal(1, counted.Where(p => (string?)p["dashscope.operation"] == DashScopeOperations.UploadPolicy).Sum(p => p.Sum));
        Assert.Equal(2, counted.Where(p => (string?)p["dashscope.operation"] == DashScopeOperations.UploadForm).Sum(p => p.Sum));
    }

    [Fact]
    public async Task No_key_policy_value_or_signed_URL_reaches_a_span_or_a_metric()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);
        var client = host.Client;
        var (image, audio) = WriteFiles();

        var done = await fixture.Drive(client.GenerateFromFilesAsync(image, audio));
        // The same client's cached policy: the one the forms were signed with (no new call is made).
        var policy = await client.Uploader.GetPolicyAsync("liveportrait");

        var secrets = policy.Values.Values.Where(v => v.Length >= 8 && !v.StartsWith("http", StringComparison.Ordinal))
            .Append(apiKey)
            .Append(new Uri(done.Output.Results!.VideoUrl).Query.TrimStart('?'))
            .Append("Signature=").Append("Expires=").Append("OSSAccessKeyId=").Append("Bearer")
            .ToList();
        Assert.Contains(policy.Values.Values, v => v.Length >= 8 && !v.StartsWith("http", StringComparison.Ordinal));
        Assert.Contains("Signature=", done.Output.Results!.VideoUrl); // the result URL is signed, so its query is worth looking for
        var text = capture.AllText();
        Assert.True(text.Count > 50, $"Only {text.Count} texts: the capture saw almost nothing.");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(text, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private (string Image, string Audio) WriteFiles()
    {
        var image = Path.Combine(_folder, "me.png");
        var audio = Path.Combine(_folder, "hello.wav");
        File.WriteAllBytes(image, MediaFiles.Png(64, 64));
        File.WriteAllBytes(audio, MediaFiles.Wav(2.0));
        return (image, audio);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
