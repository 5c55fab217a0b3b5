using System.Net;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DashScope.Toolkit.Tests;

/// <summary>The API key never appears in a log line, an exception or a ToString.</summary>
public class SecretTests
{
    [Fact]
    public async Task The_key_appears_nowhere_at_the_most_verbose_log_level()
    {
        var sink = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var harness = new ClientHarness(o => o.LoggerFactory = factory);
        harness.Handler.ThenOk(Answers.Submitted())
            .ThenJson((HttpStatusCode)429, Answers.Error("Throttling", "Requests throttling triggered."))
            .ThenOk(Answers.Running())
            .ThenOk(Answers.Failed("InvalidImage.NoHumanFace", "No human face detected."))
            .ThenJson(HttpStatusCode.Unauthorized, Answers.Error("InvalidApiKey", "Invalid API-key provided."));
        var texts = new List<string> { harness.Options.ToString(), harness.Client.ToString()! };

        texts.Add((await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => harness.Drive(harness.Client.GenerateAsync(ClientHarness.ValidRequest())))).ToString());
        texts.Add((await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Client.GetTaskAsync("t"))).ToString());
        texts.Add((await Assert.ThrowsAsync<DashScopeValidationException>(() => harness.Client.SubmitAsync(ClientHarness.ValidRequest() with { Model = RunTimeValue.Of("x") }))).ToString());

        Assert.NotEmpty(sink.Lines);
        Assert.Contains(sink.Lines, l => l.Contains("RUNNING", StringComparison.Ordinal));
        Assert.All(sink.Lines.Concat(texts), text => Assert.DoesNotContain(ClientHarness.ApiKey, text, StringComparison.Ordinal));
        // The key did go out, in the header only.
        Assert.All(harness.Handler.Requests, r => Assert.Equal("Bearer " + ClientHarness.ApiKey, r.Headers["Authorization"]));
    }

    [Fact]
    public void Options_tostring_says_whether_a_key_is_set_without_showing_it()
    {
        var options = new LivePortraitClientOptions { ApiKey = "sk-secret-value" };
        Assert.Contains("(set, hidden)", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value", options.ToString(), StringComparison.Ordinal);
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose() { }

        private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines) { owner.Lines.Add($"{category} {logLevel} {formatter(state, exception)} {exception}"); }
            }
        }
    }
}
