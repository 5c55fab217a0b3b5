using System.Net;
using DashScope.Toolkit.Resilience;
using Polly;

namespace DashScope.Toolkit.Hosting.Tests.Resilience;

/// <summary>The rule itself, for requests the client did not send (no operation mark) as well as its own.</summary>
public sealed class RetryRuleTests
{
    private static Outcome<HttpResponseMessage> Answer(HttpStatusCode status) => Outcome.FromResult(new HttpResponseMessage(status));

    private static HttpRequestMessage Post(string? asyncHeader = null, string? operation = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope.example/api/v1/services/x");
        if (asyncHeader is not null) { request.Headers.TryAddWithoutValidation(DashScopeRetryRule.AsyncHeaderName, asyncHeader); }
        if (operation is not null) { request.Options.Set(DashScopeOperations.RequestOptionKey, operation); }
        return request;
    }

    [Theory]
    [InlineData("enable")]
    [InlineData(" Enable ")]
    public void A_post_with_the_async_header_is_retried_only_after_429(string header)
    {
        Assert.False(DashScopeRetryRule.MayRetry(Post(header), Answer(HttpStatusCode.ServiceUnavailable)));
        Assert.False(DashScopeRetryRule.MayRetry(Post(header), Answer(HttpStatusCode.RequestTimeout)));
        Assert.False(DashScopeRetryRule.MayRetry(Post(header), Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(DashScopeRetryRule.MayRetry(Post(header), Answer(HttpStatusCode.TooManyRequests)));
    }

    [Fact]
    public void A_plain_post_is_retried_only_after_429_and_the_upload_form_never()
    {
        Assert.False(DashScopeRetryRule.MayRetry(Post(), Answer(HttpStatusCode.BadGateway)));
        Assert.True(DashScopeRetryRule.MayRetry(Post(), Answer(HttpStatusCode.TooManyRequests)));
        Assert.False(DashScopeRetryRule.MayRetry(Post(operation: DashScopeOperations.UploadForm), Answer(HttpStatusCode.TooManyRequests)));
    }

    [Fact]
    public void Idempotent_requests_are_left_to_the_standard_predicate_unless_marked_as_a_submit()
    {
        var get = new HttpRequestMessage(HttpMethod.Get, "https://dashscope.example/api/v1/tasks/t");
        Assert.True(DashScopeRetryRule.MayRetry(get, Answer(HttpStatusCode.ServiceUnavailable)));
        Assert.True(DashScopeRetryRule.MayRetry(new HttpRequestMessage(HttpMethod.Delete, "https://x/y"), Answer(HttpStatusCode.ServiceUnavailable)));

        get.Options.Set(DashScopeOperations.RequestOptionKey, DashScopeOperations.Submit);
        Assert.False(DashScopeRetryRule.MayRetry(get, Answer(HttpStatusCode.ServiceUnavailable)));
        Assert.False(DashScopeRetryRule.MayRetry(null, Answer(HttpStatusCode.ServiceUnavailable)));
    }
}
