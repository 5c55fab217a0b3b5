using Microsoft.Extensions.Options;

namespace DashScope.Toolkit;

/// <summary>
/// Checks client options when the application starts (registered with <c>ValidateOnStart</c> by the generated
/// <c>AddXxxClient</c>), so a bad setting stops the start with a message that names it instead of failing the
/// first call: an API key from the options or the environment, an absolute http(s) base address, and waiting
/// figures that make sense.
/// </summary>
/// <typeparam name="TOptions">The generated options type.</typeparam>
public sealed class DashScopeClientOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : DashScopeClientOptions
{
    private readonly DashScopeServiceDescription _service;

    /// <summary>Creates a validator for the options of <paramref name="service"/>'s client.</summary>
    /// <param name="service">The endpoint's facts (which environment variable holds the key).</param>
    public DashScopeClientOptionsValidator(DashScopeServiceDescription service) =>
        _service = service ?? throw new ArgumentNullException(nameof(service));

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(_service.ApiKeyEnvironmentVariable)))
        {
            problems.Add($"ApiKey: none is set, and the environment variable {_service.ApiKeyEnvironmentVariable} is empty.");
        }
        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"BaseAddress: '{address}' is not an absolute http(s) URL.");
        }
        if (options.MaxSubmitRetriesOnThrottling < 0) { problems.Add($"MaxSubmitRetriesOnThrottling: {options.MaxSubmitRetriesOnThrottling} is negative."); }
        var wait = options.Wait;
        if (wait is null)
        {
            problems.Add("Wait: is null.");
            return Result(problems);
        }
        if (wait.InitialPollInterval <= TimeSpan.Zero) { problems.Add($"Wait.InitialPollInterval: {wait.InitialPollInterval} is not positive."); }
        if (wait.MaxPollInterval is { } max && max < wait.InitialPollInterval) { problems.Add($"Wait.MaxPollInterval: {max} is shorter than Wait.InitialPollInterval ({wait.InitialPollInterval})."); }
        if (wait.BackoffMultiplier < 1) { problems.Add($"Wait.BackoffMultiplier: {wait.BackoffMultiplier} is below 1."); }
        if (wait.JitterRatio is < 0 or > 1) { problems.Add($"Wait.JitterRatio: {wait.JitterRatio} is outside 0 to 1."); }
        if (wait.Timeout <= TimeSpan.Zero) { problems.Add($"Wait.Timeout: {wait.Timeout} is not positive."); }
        if (wait.MaxConsecutiveTransientFailures < 0) { problems.Add($"Wait.MaxConsecutiveTransientFailures: {wait.MaxConsecutiveTransientFailures} is negative."); }
        if (wait.MaxRetryAfter < TimeSpan.Zero) { problems.Add($"Wait.MaxRetryAfter: {wait.MaxRetryAfter} is negative."); }
        return Result(problems);
    }

    private ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"{_service.Name} client option {p}"));
}
