using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DashScope.Toolkit;

/// <summary>
/// Reads client options from configuration (appsettings.json, environment variables...) by name, without
/// reflection, so it stays trimming- and AOT-safe. Keys: <c>ApiKey</c>, <c>BaseAddress</c>, <c>WorkspaceId</c>,
/// <c>MaxSubmitRetriesOnThrottling</c>, and under <c>Wait</c>: <c>InitialPollInterval</c>, <c>MaxPollInterval</c>,
/// <c>BackoffMultiplier</c>, <c>JitterRatio</c>, <c>Timeout</c>, <c>MaxConsecutiveTransientFailures</c>,
/// <c>MaxRetryAfter</c> (times as <c>hh:mm:ss</c>). A key that is absent leaves the option as it was.
/// </summary>
public static class DashScopeClientOptionsBinding
{
    /// <summary>Copies the values <paramref name="section"/> holds into <paramref name="options"/>.</summary>
    /// <param name="options">The options to fill.</param>
    /// <param name="section">The configuration section of this client (e.g. <c>configuration.GetSection("DashScope")</c>).</param>
    /// <exception cref="DashScopeConfigurationException">A value cannot be read; the message names its key and value.</exception>
    public static void Bind(DashScopeClientOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        if (section["ApiKey"] is { } apiKey) { options.ApiKey = apiKey; }
        if (section["WorkspaceId"] is { } workspace) { options.WorkspaceId = workspace; }
        if (Read(section, "BaseAddress", ParseUri) is { } baseAddress) { options.BaseAddress = baseAddress; }
        if (Read(section, "MaxSubmitRetriesOnThrottling", ParseInt) is { } retries) { options.MaxSubmitRetriesOnThrottling = retries; }

        var wait = section.GetSection("Wait");
        if (Read(wait, "InitialPollInterval", ParseTime) is { } initial) { options.Wait.InitialPollInterval = initial; }
        if (Read(wait, "MaxPollInterval", ParseTime) is { } max) { options.Wait.MaxPollInterval = max; }
        if (Read(wait, "BackoffMultiplier", ParseDouble) is { } multiplier) { options.Wait.BackoffMultiplier = multiplier; }
        if (Read(wait, "JitterRatio", ParseDouble) is { } jitter) { options.Wait.JitterRatio = jitter; }
        if (Read(wait, "Timeout", ParseTime) is { } timeout) { options.Wait.Timeout = timeout; }
        if (Read(wait, "MaxConsecutiveTransientFailures", ParseInt) is { } failures) { options.Wait.MaxConsecutiveTransientFailures = failures; }
        if (Read(wait, "MaxRetryAfter", ParseTime) is { } retryAfter) { options.Wait.MaxRetryAfter = retryAfter; }
    }

    private static T? Read<T>(IConfiguration section, string key, Func<string, T?> parse) where T : struct
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) { return null; }
        return parse(text.Trim()) ?? throw new DashScopeConfigurationException($"The setting {PathOf(section, key)} = '{text}' cannot be read as {Describe<T>()}.");
    }

    private static Uri? Read(IConfiguration section, string key, Func<string, Uri?> parse)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) { return null; }
        return parse(text.Trim()) ?? throw new DashScopeConfigurationException($"The setting {PathOf(section, key)} = '{text}' is not an absolute http(s) URL.");
    }

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } named ? named.Path + ":" + key : key;

    private static string Describe<T>() =>
        typeof(T) == typeof(TimeSpan) ? "a time span (hh:mm:ss)" : typeof(T) == typeof(int) ? "a whole number" : "a number";

    private static Uri? ParseUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static int? ParseInt(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? ParseDouble(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ParseTime(string text) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
}
