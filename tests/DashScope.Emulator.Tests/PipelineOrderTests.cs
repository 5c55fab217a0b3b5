using System.Net.Http.Headers;
using System.Text;
using DashScope.Emulator.Tests.Support;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The pipeline's order of checks holds however a request arrives: an over-long body is refused in its turn
/// (after the key, whether it came with a Content-Length or chunked), after a scripted fault, and a request routed
/// early, to look for a drop-connection fault, is answered and journalled once, on that route.
/// </summary>
public sealed class PipelineOrderTests : IClassFixture<SmallBodyLimitFixture>, IDisposable
{
    private const int BodyLimit = SmallBodyLimitFixture.BodyLimit;

    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public PipelineOrderTests(SmallBodyLimitFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnOverLongBodyWithoutAKeyIs401(bool chunked)
    {
        using var anonymous = Api.Client(_emulator, apiKey: "");
        var result = await SubmitOverLongAsync(anonymous, chunked);

        Assert.Equal((401, "InvalidApiKey"), (result.Status, result.Code));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnOverLongBodyWithAKeyIs400AndCreatesNoTask(bool chunked)
    {
        var result = await SubmitOverLongAsync(_client, chunked);

        var invalid = _emulator.Schema.Error(ProtocolError.InvalidParameter);
        Assert.Equal((400, invalid.Code, invalid.Message), (result.Status, result.Code, result.Message));
        Assert.Empty(_emulator.GetTasks());
        var entry = Assert.Single(_emulator.Journal);
        Assert.Equal((EmulatorEndpoint.VideoSynthesis, "demo", 400, result.RequestId), (entry.Endpoint, entry.AccountId, entry.StatusCode, entry.RequestId));
    }

    [Fact]
    public async Task AScriptedAnswerComesBeforeTheBodySize()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next().RespondWith(503);

        var result = await SubmitOverLongAsync(_client, chunked: false);

        Assert.Equal(503, result.Status);
        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task ARequestRoutedToLookForADroppedConnectionIsAnsweredOnceOnThatRoute()
    {
        // A queued fault makes the API middleware route every request before the pipeline runs.
        _emulator.OnEndpoint(EmulatorEndpoint.CancelTask).Next().DropConnection();

        var list = await Api.ListAsync(_client);
        var unknown = await Api.SendAsync(_client, HttpMethod.Get, "services/aigc/image2video/nothing");
        var wrongMethod = await Api.SendAsync(_client, HttpMethod.Delete, "tasks/" + Guid.NewGuid());

        Assert.Equal((200, 404, 405), (list.Status, unknown.Status, wrongMethod.Status));
        Assert.Single(_emulator.Faults);
        Assert.Equal(
            [(EmulatorEndpoint.ListTasks, 200), (null, 404), (null, 405)],
            _emulator.Journal.Select(e => (e.Endpoint, e.StatusCode)));

        await Assert.ThrowsAsync<HttpRequestException>(() => Api.CancelAsync(_client, Guid.NewGuid().ToString()));
        var dropped = _emulator.Journal[^1];
        Assert.Equal((EmulatorEndpoint.CancelTask, 0, "DropConnection"), (dropped.Endpoint, dropped.StatusCode, dropped.Fault));
    }

    private async Task<ApiResult> SubmitOverLongAsync(HttpClient client, bool chunked)
    {
        var body = Api.SampleSynthesisBody(_emulator, parameters: $"{{\"padding\":\"{new string('x', BodyLimit)}\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.SynthesisPath)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-DashScope-Async", "enable");
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await client.SendAsync(request);
        return await Api.ReadAsync(response);
    }
}
