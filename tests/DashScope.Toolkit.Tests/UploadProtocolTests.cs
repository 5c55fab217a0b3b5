using System.Net;
using System.Text;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>
/// The upload runtime against scripted answers: it reads a policy whichever way its numbers are written, builds
/// the form the schema describes, turns the storage's XML errors into named exceptions, renews a policy the
/// storage calls expired, and adds the resolve header to exactly the requests that name a stored file.
/// </summary>
public class UploadProtocolTests
{
    private const string UploadHost = "http://127.0.0.1:9/oss";

    private static string PolicyAnswer(string directory = "dashscope-instant/a/2026-11-24/p1", string expire = "300", string maxMb = "1", bool hostMissing = false) =>
        "{\"request_id\":\"r-1\",\"data\":{\"policy\":\"cG9saWN5\",\"signature\":\"c2ln\",\"upload_dir\":\"" + directory + "\"," +
        (hostMissing ? string.Empty : "\"upload_host\":\"" + UploadHost + "\",") +
        "\"expire_in_seconds\":" + expire + ",\"max_file_size_mb\":" + maxMb + ",\"capacity_limit_mb\":\"999\"," +
        "\"oss_access_key_id\":\"LTAI-test\",\"x_oss_object_acl\":\"private\",\"x_oss_forbid_overwrite\":\"true\"}}";

    private static HttpResponseMessage Xml(HttpStatusCode status, string code, string message) => new(status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>oss-1</RequestId></Error>", Encoding.UTF8, "application/xml"),
    };

    private static MemoryStream Png() => new(DashScope.Testing.MediaFiles.Png(4, 4));

    [Theory]
    [InlineData("300", "1")]
    [InlineData("\"300\"", "\"1\"")]
    public async Task A_policy_is_read_with_numbers_written_as_numbers_or_as_text(string expire, string maxMb)
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(PolicyAnswer(expire: expire, maxMb: maxMb));

        var policy = await harness.Client.Uploader.GetPolicyAsync("liveportrait");

        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(300), policy.ExpiresAt);
        Assert.Equal(1024 * 1024, policy.MaxFileSizeBytes);
        Assert.Equal(999L * 1024 * 1024, policy.CapacityLimitBytes);
        Assert.Equal(new Uri(UploadHost), policy.UploadHost);
        var call = Assert.Single(harness.Handler.Requests);
        Assert.Equal("/api/v1/uploads?action=getPolicy&model=liveportrait", call.Uri.PathAndQuery);
        Assert.Equal("Bearer " + ClientHarness.ApiKey, call.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_policy_without_its_upload_host_is_a_response_error_naming_the_field()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(PolicyAnswer(hostMissing: true));

        var error = await Assert.ThrowsAsync<DashScopeResponseException>(() => harness.Client.Uploader.GetPolicyAsync("liveportrait"));

        Assert.Contains("UploadHost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_sends_the_schemas_fields_in_order_with_the_file_last_and_no_api_key()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(PolicyAnswer()).Then(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var stored = await harness.Client.UploadAsync(Png(), "my photo.png", "liveportrait");

        var form = harness.Handler.Requests[1];
        Assert.Equal((HttpMethod.Post, new Uri(UploadHost)), (form.Method, form.Uri));
        Assert.False(form.Headers.ContainsKey("Authorization"));
        var names = LivePortraitClient.Service.Uploads!.FormFields.Select(f => f.Name).ToList();
        var positions = names.Select(n => form.Body!.IndexOf("name=" + n + ";", StringComparison.Ordinal) is var semi and >= 0 ? semi : form.Body!.IndexOf("name=" + n + "\r", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, "a field of the schema is missing from the form:\n" + form.Body));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("dashscope-instant/a/2026-11-24/p1/my_photo.png", form.Body, StringComparison.Ordinal);
        Assert.Contains("image/png", form.Body, StringComparison.Ordinal);
        Assert.Equal("oss://dashscope-instant/a/2026-11-24/p1/my_photo.png", stored.Url);
        Assert.Equal(("png", "my photo.png"), (stored.Format, stored.FileName));
    }

    [Fact]
    public async Task A_storage_error_becomes_an_upload_exception_with_the_code_the_message_and_the_file()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(PolicyAnswer()).Then(_ => Xml(HttpStatusCode.BadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size."));

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => harness.Client.UploadAsync(Png(), "face.png", "liveportrait"));

        Assert.Equal((DashScopeUploadFailure.Refused, HttpStatusCode.BadRequest, "EntityTooLarge", "face.png"), (error.Failure, error.StatusCode, error.Code, error.FileName));
        Assert.Contains("exceeds the maximum allowed size", error.Message, StringComparison.Ordinal);
        Assert.Contains("oss-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_the_storage_calls_expired_is_replaced_once_and_the_same_bytes_are_sent_again()
    {
        var harness = new ClientHarness();
        harness.Handler
            .ThenOk(PolicyAnswer())
            .Then(_ => Xml(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired."))
            .ThenOk(PolicyAnswer(directory: "dashscope-instant/a/2026-11-24/p2"))
            .Then(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var stored = await harness.Client.UploadAsync(Png(), "face.png", "liveportrait");

        Assert.Equal("oss://dashscope-instant/a/2026-11-24/p2/face.png", stored.Url);
        Assert.Equal(4, harness.Handler.Requests.Count);
        Assert.Equal(harness.Handler.Requests[1].Body!.Length - "p1".Length, harness.Handler.Requests[3].Body!.Length - "p2".Length);
    }

    [Fact]
    public async Task A_second_refusal_after_the_renewal_is_reported_not_retried_again()
    {
        var harness = new ClientHarness();
        harness.Handler
            .ThenOk(PolicyAnswer())
            .Then(_ => Xml(HttpStatusCode.Forbidden, "QuotaExceeded", "The daily upload capacity of this account is used up."))
            .ThenOk(PolicyAnswer(directory: "dashscope-instant/a/2026-11-24/p2"))
            .Then(_ => Xml(HttpStatusCode.Forbidden, "QuotaExceeded", "The daily upload capacity of this account is used up."));

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => harness.Client.UploadAsync(Png(), "face.png", "liveportrait"));

        Assert.Equal("QuotaExceeded", error.Code);
        Assert.Equal(4, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task The_resolve_header_goes_with_a_request_that_names_a_stored_file_and_with_no_other()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Submitted()).ThenOk(Answers.Submitted()).ThenOk(Answers.Submitted()).ThenOk("{\"request_id\":\"r\",\"output\":{\"pass\":true}}");
        var header = LivePortraitClient.Service.Uploads!.ResolveHeaderName;

        await harness.Client.SubmitAsync(ClientHarness.ValidRequest());
        await harness.Client.SubmitAsync(ClientHarness.ValidRequest() with { Input = new VideoSynthesisInput { ImageUrl = "https://example.com/oss://not-a-prefix.png", AudioUrl = "https://example.com/a.wav" } });
        await harness.Client.SubmitAsync(ClientHarness.ValidRequest() with { Input = new VideoSynthesisInput { ImageUrl = "https://example.com/a.png", AudioUrl = "oss://dashscope-instant/a/b/a.wav" } });
        await harness.Client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = "oss://dashscope-instant/a/b/me.png" } });

        Assert.Equal([false, false, true, true], harness.Handler.Requests.Select(r => r.Headers.TryGetValue(header, out var value) && value == "enable"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "jpeg")]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, "png")]
    [InlineData(new byte[] { (byte)'B', (byte)'M', 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0 }, "bmp")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "webp")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, "wav")]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "mp3")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "gif")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p' }, "mp4")]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, null)]
    [InlineData(new byte[] { 0xFF, 0xF9 }, null)] // ADTS AAC: sync bits but the reserved layer
    public void A_format_is_told_by_the_first_bytes(byte[] head, string? format)
    {
        Assert.Equal(format, DashScopeMediaFormat.Detect(head));
    }

    [Fact]
    public void Jpg_and_jpeg_are_one_format()
    {
        Assert.True(DashScopeMediaFormat.IsAccepted("jpeg", ["jpg"]));
        Assert.True(DashScopeMediaFormat.IsAccepted("jpeg", ["png", "JPEG"]));
        Assert.False(DashScopeMediaFormat.IsAccepted("gif", ["jpeg", "jpg", "png"]));
    }
}
