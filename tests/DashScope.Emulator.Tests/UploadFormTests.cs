using DashScope.Testing;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Tests;

/// <summary>The temporary storage's policy call and object-storage form: a good upload is stored whole; each broken rule is a clear XML error and stores nothing.</summary>
public sealed class UploadFormTests : IClassFixture<UploadFormTests.SmallStorageFixture>, IDisposable
{
    private const int MaxFileBytes = 64 * 1024;
    private readonly SmallStorageFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public UploadFormTests(SmallStorageFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task The_policy_is_signed_data_for_the_model_with_numbers_and_a_loopback_upload_host()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        Assert.StartsWith(_emulator.UploadHost!.ToString(), policy.GetProperty("upload_host").GetString() + "/", StringComparison.Ordinal);
        Assert.StartsWith("dashscope-instant/", policy.GetProperty("upload_dir").GetString(), StringComparison.Ordinal);
        Assert.Equal(300, policy.GetProperty("expire_in_seconds").GetInt32());
        Assert.Equal(1, policy.GetProperty("max_file_size_mb").GetInt32());
        Assert.Equal(("private", "true"), (policy.GetProperty("x_oss_object_acl").GetString(), policy.GetProperty("x_oss_forbid_overwrite").GetString()));
        var document = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(policy.GetProperty("policy").GetString()!));
        Assert.Contains($"[\"starts-with\",\"$key\",\"{policy.GetProperty("upload_dir").GetString()}\"]", document, StringComparison.Ordinal);
        Assert.Contains($"[\"content-length-range\",0,{MaxFileBytes}]", document, StringComparison.Ordinal);
        var expiration = (_emulator.Now + TimeSpan.FromSeconds(300)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"\"expiration\":\"{expiration}\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_call_checks_key_model_and_its_rate_per_account_and_model()
    {
        Assert.Equal(401, (await Api.SendAsync(Api.Client(_emulator, "sk-nope"), HttpMethod.Get, "uploads?action=getPolicy&model=liveportrait", contentType: null)).Status);
        Assert.Equal("InvalidParameter", (await Api.SendAsync(_client, HttpMethod.Get, "uploads?action=getPolicy&model=nope", contentType: null)).Code);
        for (var i = 0; i < 100; i++)
        {
            await Uploader.PolicyAsync(_client, "liveportrait");
        }

        var throttled = await Api.SendAsync(_client, HttpMethod.Get, "uploads?action=getPolicy&model=liveportrait", contentType: null);
        Assert.Equal((429, "Throttling.RateQuota"), (throttled.Status, throttled.Code));
        await Uploader.PolicyAsync(_client, "liveportrait-detect");
    }

    [Fact]
    public async Task The_policy_call_answers_a_missing_or_malformed_key_as_the_api_does()
    {
        using var noKey = Api.Client(_emulator, "");
        using var basic = Api.Client(_emulator, "");
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", _emulator.DemoApiKey);
        foreach (var (client, role) in new[] { (noKey, ProtocolError.MissingApiKey), (basic, ProtocolError.InvalidApiKey) })
        {
            var expected = _emulator.Schema.Error(role);
            var policy = await Api.SendAsync(client, HttpMethod.Get, "uploads?action=getPolicy&model=liveportrait", contentType: null);
            var query = await Api.QueryAsync(client, Guid.NewGuid().ToString());
            Assert.Equal((401, expected.Code, expected.Message), (policy.Status, policy.Code, policy.Message));
            Assert.Equal((query.Status, query.Code), (policy.Status, policy.Code));
        }
    }

    [Fact]
    public async Task Success_is_204_without_success_action_status_and_the_asked_status_with_no_body()
    {
        foreach (var (asked, expected) in new[] { ((string?)null, 204), ("201", 201) })
        {
            var policy = await Uploader.PolicyAsync(_client, "liveportrait");
            var fields = Uploader.Fields(policy, "a.png").Where(f => f.Name != "success_action_status").ToList();
            if (asked is not null)
            {
                fields.Add(("success_action_status", asked));
            }

            var result = await Uploader.PostAsync(policy, fields, "a.png", MediaFiles.Png(8, 8));
            Assert.Equal((expected, ""), (result.Status, result.Text));
        }

        Assert.Equal(2, _emulator.GetUploads().Count);
    }

    [Fact]
    public async Task A_good_upload_is_stored_and_listed_without_its_bytes_and_cannot_be_downloaded()
    {
        var url = await Uploader.UploadAsync(_client, "liveportrait", "face.png", MediaFiles.Png(64, 64));
        var stored = Assert.Single(_emulator.GetUploads(EmulatorOptions.DefaultDemoAccountId));
        Assert.Equal(("demo", "liveportrait", url["oss://".Length..]), (stored.AccountId, stored.Model, stored.Key));
        Assert.Equal(TimeSpan.FromHours(48), stored.ExpiresAt - stored.UploadedAt);

        using var admin = new HttpClient();
        var listed = await admin.GetStringAsync(new Uri(_emulator.Url, "/__emulator/uploads?account=demo"));
        Assert.Contains(stored.Key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("content", listed, StringComparison.OrdinalIgnoreCase);

        using var download = await admin.GetAsync(new Uri(_emulator.UploadHost! + "/" + stored.Key));
        var denied = new UploadResult((int)download.StatusCode, await download.Content.ReadAsStringAsync());
        Assert.Equal((403, "AccessDenied"), (denied.Status, denied.Code));
    }

    [Fact]
    public async Task A_file_over_the_policy_limit_is_EntityTooLarge()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        var result = await Uploader.PostAsync(policy, Uploader.Fields(policy, "big.wav"), "big.wav", new byte[MaxFileBytes + 1]);
        AssertRefused(result, 400, "EntityTooLarge");
    }

    [Fact]
    public async Task An_expired_policy_is_refused_on_the_emulator_clock()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        _fixture.Advance(TimeSpan.FromSeconds(301));
        var result = await Uploader.PostAsync(policy, Uploader.Fields(policy, "a.png"), "a.png", MediaFiles.Png(8, 8));
        AssertRefused(result, 403, "AccessDenied", "Invalid according to Policy: Policy expired.");
    }

    [Fact]
    public async Task A_tampered_signature_is_refused()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        var fields = Uploader.Fields(policy, "a.png").Select(f => f.Name == "Signature" ? (f.Name, "AAAA" + f.Value[4..]) : f);
        var result = await Uploader.PostAsync(policy, fields, "a.png", MediaFiles.Png(8, 8));
        AssertRefused(result, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    [Fact]
    public async Task A_key_outside_the_upload_dir_breaks_the_starts_with_condition()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        var fields = Uploader.Fields(policy, "a.png").Select(f => f.Name == "key" ? (f.Name, "elsewhere/a.png") : f);
        var result = await Uploader.PostAsync(policy, fields, "a.png", MediaFiles.Png(8, 8));
        AssertRefused(result, 403, "AccessDenied", $"Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"{policy.GetProperty("upload_dir").GetString()}\"]");
    }

    [Fact]
    public async Task A_missing_field_or_a_field_after_the_file_is_400()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        var missing = await Uploader.PostAsync(policy, Uploader.Fields(policy, "a.png").Where(f => f.Name != "policy"), "a.png", MediaFiles.Png(8, 8));
        AssertRefused(missing, 400, "InvalidArgument", "The form field policy is missing or malformed.");
        var notLast = await Uploader.PostAsync(policy, Uploader.Fields(policy, "a.png"), "a.png", MediaFiles.Png(8, 8), fileLast: false);
        AssertRefused(notLast, 400, "InvalidArgument", "The file field must be the last field of the form.");
    }

    [Fact]
    public async Task The_same_key_twice_is_FileAlreadyExists_and_the_first_file_stays()
    {
        var policy = await Uploader.PolicyAsync(_client, "liveportrait");
        Assert.Equal(200, (await Uploader.PostAsync(policy, Uploader.Fields(policy, "a.png"), "a.png", MediaFiles.Png(8, 8))).Status);
        var again = await Uploader.PostAsync(policy, Uploader.Fields(policy, "a.png"), "a.png", MediaFiles.Png(16, 16));
        Assert.Equal((409, "FileAlreadyExists"), (again.Status, again.Code));
        Assert.Equal(MediaFiles.Png(8, 8).Length, Assert.Single(_emulator.GetUploads()).SizeBytes);
    }

    [Fact]
    public async Task The_daily_capacity_refuses_the_upload_that_would_pass_it_and_a_refusal_uses_none()
    {
        var account = "cap-" + Guid.NewGuid().ToString("N");
        _emulator.AddAccount(account, "sk-" + account);
        using var client = Api.Client(_emulator, "sk-" + account);
        var chunk = new byte[60 * 1024];
        for (var i = 0; i < 3; i++)
        {
            await Uploader.UploadAsync(client, "liveportrait", $"part{i}.bin", chunk);
        }

        // A refused upload (too large) uses no capacity: the fourth chunk is still refused for capacity, not before.
        var policy = await Uploader.PolicyAsync(client, "liveportrait");
        AssertRefused(await Uploader.PostAsync(policy, Uploader.Fields(policy, "huge.bin"), "huge.bin", new byte[MaxFileBytes + 1]), 400, "EntityTooLarge", stored: 3, account);
        var over = await Uploader.PostAsync(policy, Uploader.Fields(policy, "part3.bin"), "part3.bin", chunk);
        AssertRefused(over, 403, "QuotaExceeded", stored: 3, account: account);
        var small = await Uploader.PostAsync(policy, Uploader.Fields(policy, "small.bin"), "small.bin", new byte[1024]);
        Assert.Equal(200, small.Status);
    }

    private void AssertRefused(UploadResult result, int status, string code, string? message = null, int stored = 0, string? account = null)
    {
        Assert.True(result.Status == status && result.Code == code, result.Text);
        if (message is not null)
        {
            Assert.Equal(message, result.Message);
        }

        Assert.Contains("<RequestId>", result.Text, StringComparison.Ordinal);
        Assert.Equal(stored, _emulator.GetUploads(account ?? EmulatorOptions.DefaultDemoAccountId).Count);
    }

    private void AssertRefused(UploadResult result, int status, string code, int stored, string account) =>
        AssertRefused(result, status, code, null, stored, account);

    public sealed class SmallStorageFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.UploadMaxFileBytes = MaxFileBytes;
            options.UploadDailyCapacityBytes = 200 * 1024;
        }
    }
}
