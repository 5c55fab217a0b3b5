using System.Net;
using System.Net.Http.Headers;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>A submit is repeated only when the answer proves the task was not created (429).</summary>
public class SubmitRetryTests
{
    [Fact]
    public async Task A_throttled_submit_is_repeated_after_its_retry_after()
    {
        var harness = new ClientHarness();
        harness.Handler
            .ThenJson((HttpStatusCode)429, Answers.Error("Throttling.RateQuota", "Requests rate limit exceeded, please try again later."), r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .ThenOk(Answers.Submitted());

        var submission = await harness.Drive(harness.Client.SubmitAsync(ClientHarness.ValidRequest()));

        Assert.Equal(Answers.TaskId, submission.Output.TaskId);
        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        var gap = requests[1].At - requests[0].At;
        Assert.InRange(gap, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_submit_that_may_have_been_accepted_is_never_repeated(HttpStatusCode status)
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson(status, Answers.Error("InternalError", "boom")).ThenOk(Answers.Submitted());

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Drive(harness.Client.SubmitAsync(ClientHarness.ValidRequest())));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_transport_fault_on_submit_is_not_repeated()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenThrow(new HttpRequestException("connection reset")).ThenOk(Answers.Submitted());

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Drive(harness.Client.SubmitAsync(ClientHarness.ValidRequest())));

        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Throttling_beyond_the_retry_limit_surfaces_the_429()
    {
        var harness = new ClientHarness(o => o.MaxSubmitRetriesOnThrottling = 2);
        harness.Handler.ThenJson((HttpStatusCode)429, Answers.Error("Throttling", "Requests throttling triggered."));

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Drive(harness.Client.SubmitAsync(ClientHarness.ValidRequest())));

        Assert.Equal("Throttling", error.Code);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }
}
