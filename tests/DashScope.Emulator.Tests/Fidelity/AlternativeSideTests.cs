using DashScope.Emulator.Tests.Support;

namespace DashScope.Emulator.Tests.Fidelity;

/// <summary>Every fidelity switch on its alternative, over HTTP; the answers come from the schema where it has them.</summary>
public sealed class AlternativeSideTests(AlternativeSideTests.Fixture fixture) : FidelitySides(fixture), IClassFixture<AlternativeSideTests.Fixture>
{
    [Fact]
    public async Task UnknownModel_is_404_ModelNotFound_with_the_schema_message()
    {
        var result = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Emulator).Replace("\"liveportrait\"", "\"wanx-v1\"", StringComparison.Ordinal));
        AssertError(result, 404, "ModelNotFound", "Model not exist.");
    }

    [Fact]
    public async Task MissingAsyncHeader_is_400_InvalidParameter_with_the_sync_message()
    {
        var result = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Emulator), asyncHeader: false);
        AssertError(result, 400, "InvalidParameter", "current user api does not support synchronous calls");
        Assert.Empty(Emulator.GetTasks());
    }

    [Fact]
    public async Task MalformedMediaUrl_makes_a_task_that_fails_with_the_task_error_InvalidURL()
    {
        var submit = await SubmitWithImageAsync("not a url");
        Assert.Equal("PENDING", submit.TaskStatus);
        var task = await AfterItRanAsync(submit);
        AssertFailed(task, "InvalidURL", "Required URL is missing or invalid, please check the request URL.");
    }

    [Fact]
    public async Task MalformedMediaUrl_on_the_synchronous_face_check_is_still_400_InvalidURL()
    {
        var result = await Api.SendAsync(Client, HttpMethod.Post, "services/aigc/image2video/face-detect", """{"model":"liveportrait-detect","input":{"image_url":"not a url"}}""");
        AssertError(result, 400, "InvalidURL", "Invalid URL provided in your request.");
    }

    [Fact]
    public async Task MediaProblem_refuses_the_submit_with_the_task_error_and_makes_no_task()
    {
        var missing = await SubmitWithImageAsync(new Uri(Emulator.Url, "/__emulator/files/nope.png").ToString());
        AssertError(missing, 400, "InvalidParameter.InputDownloadFailed", "Failed to download input files.");

        var text = Emulator.ServeFile("text.png", "not an image"u8.ToArray(), "image/png");
        var wrongFormat = await SubmitWithImageAsync(text.ToString());
        AssertError(wrongFormat, 400, "InvalidParameter.UnsupportedFileFormat", "Input files format not supported.");
        Assert.Empty(Emulator.GetTasks());
    }

    [Fact]
    public async Task PageSizeOverMaximum_serves_the_page_at_the_maximum()
    {
        await SubmitSamplesAsync(2);
        var result = await Api.ListAsync(Client, "?page_size=1000");
        Assert.True(result.Status == 200, result.Text);
        Assert.Equal(100, result.Json.GetProperty("page_size").GetInt32());
        Assert.Equal(2, result.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task PageBeyondLast_is_the_last_page_with_its_page_no()
    {
        await SubmitSamplesAsync(3);
        var result = await Api.ListAsync(Client, "?page_no=5&page_size=2");
        Assert.True(result.Status == 200, result.Text);
        Assert.Equal((3, 2), (result.Json.GetProperty("total").GetInt32(), result.Json.GetProperty("page_no").GetInt32()));
        Assert.Equal(1, result.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task StoredUrlWithoutResolve_is_the_schema_alternative()
    {
        var alternative = Emulator.Schema.Description.Uploads!.Errors.Single(e => e.Key == "resolveNotEnabledAlternative");
        var result = await SubmitWithImageAsync("oss://dashscope-instant/any/portrait.png");
        AssertError(result, 400, "invalid_parameter_error", "InternalError.Algo.InvalidParameter: The provided URL does not appear to be valid. Ensure it is correctly formatted.");
        Assert.Equal((alternative.Code, alternative.Message), (result.Code, result.Message));
    }

    [Fact]
    public async Task UploadCapacityExceeded_is_429_with_the_schema_code_and_message()
    {
        var policy = await Uploader.PolicyAsync(Client, "liveportrait");
        var result = await Uploader.PostAsync(policy, Uploader.Fields(policy, "big.bin"), "big.bin", new byte[CapacityBytes + 1]);
        Assert.True((result.Status, result.Code) == (429, "QuotaExceeded"), result.Text);
        Assert.Equal("The daily upload capacity of this account is used up.", result.Message);
        Assert.Empty(Emulator.GetUploads());
    }

    /// <summary>Every switch on the choice that is not its default.</summary>
    public sealed class Fixture() : SideFixture(FidelityCatalog.Switches.Aggregate(EmulatorFidelity.Default, (f, s) => f.With(s.Name, s.Alternatives[0])));
}
