using System.Net;
using System.Net.Http.Headers;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>Non-success answers become one typed exception carrying DashScope's envelope.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter", "The request parameter is invalid.")]
    [InlineData(HttpStatusCode.Unauthorized, "InvalidApiKey", "Invalid API-key provided.")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", "current user api does not support synchronous calls")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", "An internal error has occurred, please try again later.")]
    public async Task A_non_success_answer_carries_status_code_message_and_request_id(HttpStatusCode status, string code, string message)
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson(status, Answers.Error(code, message));

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Client.SubmitAsync(ClientHarness.ValidRequest()));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal("e-1", error.RequestId);
        Assert.Equal("POST /services/aigc/image2video/video-synthesis/", error.Operation);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_an_envelope_is_kept_as_the_message()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Client.GetTaskAsync("t"));

        Assert.Null(error.Code);
        Assert.Equal("<html>bad gateway</html>", error.ErrorMessage);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task A_success_answer_that_breaks_the_schema_names_the_field()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"request_id":"x","output":{"task_id":"t","task_status":"RUNNING","submit_time":"yesterday"}}""");

        var error = await Assert.ThrowsAsync<DashScopeResponseException>(() => harness.Client.GetTaskAsync("t"));

        Assert.Contains("submit_time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_in_an_answer_is_named()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"request_id":"x","output":{"task_status":"RUNNING"}}""");

        var error = await Assert.ThrowsAsync<DashScopeResponseException>(() => harness.Client.GetTaskAsync("t"));

        Assert.Contains("task_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var seconds = new HttpResponseMessage((HttpStatusCode)429);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage((HttpStatusCode)503);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));

        Assert.Equal(TimeSpan.FromSeconds(7), DashScopeTransport.ReadRetryAfter(seconds, time));
        Assert.Equal(TimeSpan.FromSeconds(12), DashScopeTransport.ReadRetryAfter(date, time));
    }
}
