using DashScope.Emulator.Tests.Support;

namespace DashScope.Emulator.Tests.Fidelity;

/// <summary>Every fidelity switch at its default, over HTTP: the answers the emulator always gave.</summary>
public sealed class DefaultSideTests(DefaultSideTests.Fixture fixture) : FidelitySides(fixture), IClassFixture<DefaultSideTests.Fixture>
{
    [Fact]
    public async Task UnknownModel_is_400_InvalidParameter()
    {
        var result = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Emulator).Replace("\"liveportrait\"", "\"wanx-v1\"", StringComparison.Ordinal));
        AssertError(result, 400, "InvalidParameter", "Model not exist.");
    }

    [Fact]
    public async Task MissingAsyncHeader_is_403_AccessDenied()
    {
        var result = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Emulator), asyncHeader: false);
        AssertError(result, 403, "AccessDenied", "current user api does not support synchronous calls");
    }

    [Fact]
    public async Task MalformedMediaUrl_refuses_the_submit_with_400_InvalidURL_and_makes_no_task()
    {
        var result = await SubmitWithImageAsync("not a url");
        AssertError(result, 400, "InvalidURL", "Invalid URL provided in your request.");
        Assert.Empty(Emulator.GetTasks());
    }

    [Fact]
    public async Task MediaProblem_makes_a_task_that_fails_with_the_download_code()
    {
        var task = await AfterItRanAsync(await SubmitWithImageAsync(new Uri(Emulator.Url, "/__emulator/files/nope.png").ToString()));
        AssertFailed(task, "InvalidParameter.InputDownloadFailed", "Failed to download input files.");
    }

    [Fact]
    public async Task PageSizeOverMaximum_is_400_OutOfDefinition()
    {
        var result = await Api.ListAsync(Client, "?page_size=101");
        AssertError(result, 400, "InvalidParamter.OutOfDefinition", "The type or value of page_size is out of definition.");
    }

    [Fact]
    public async Task PageBeyondLast_is_an_empty_page_with_the_asked_page_no()
    {
        await SubmitSamplesAsync(3);
        var result = await Api.ListAsync(Client, "?page_no=5&page_size=2");
        Assert.True(result.Status == 200, result.Text);
        Assert.Equal((3, 5, 2), (result.Json.GetProperty("total").GetInt32(), result.Json.GetProperty("page_no").GetInt32(), result.Json.GetProperty("page_size").GetInt32()));
        Assert.Empty(result.Json.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task StoredUrlWithoutResolve_is_400_DataInspection()
    {
        var result = await SubmitWithImageAsync("oss://dashscope-instant/any/portrait.png");
        AssertError(result, 400, "InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection.");
    }

    [Fact]
    public async Task UploadCapacityExceeded_is_403_QuotaExceeded()
    {
        var policy = await Uploader.PolicyAsync(Client, "liveportrait");
        var result = await Uploader.PostAsync(policy, Uploader.Fields(policy, "big.bin"), "big.bin", new byte[CapacityBytes + 1]);
        Assert.True((result.Status, result.Code) == (403, "QuotaExceeded"), result.Text);
        Assert.Equal("The daily upload capacity of this account is used up.", result.Message);
    }

    /// <summary>Every switch at its default.</summary>
    public sealed class Fixture() : SideFixture(EmulatorFidelity.Default);
}
