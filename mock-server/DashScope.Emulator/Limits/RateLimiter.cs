using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Limits;

/// <summary>
/// Per-account, per-endpoint token buckets on the emulator's clock. A bucket holds one second's worth
/// of requests and refills continuously, which matches "N requests per second" without punishing a
/// client that spreads its calls evenly. Deterministic under a fake clock.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Account, EmulatorEndpoint Endpoint), Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly Func<EmulatorEndpoint, double?> _limitOf;

    public RateLimiter(TimeProvider time, Func<EmulatorEndpoint, double?> limitOf)
    {
        _time = time;
        _limitOf = limitOf;
    }

    /// <summary>Limits from the schema's <c>rateLimit</c> values, overridden or turned off by the options.</summary>
    /// <exception cref="ArgumentException">An override names an endpoint the schema does not have.</exception>
    public static RateLimiter Create(EmulatorOptions options, LivePortraitSchema schema)
    {
        foreach (var endpoint in options.RateLimitOverrides.Keys.Where(e => !schema.Operations.ContainsKey(e)))
        {
            throw new ArgumentException($"A rate limit override names '{endpoint.Key}', which the schema '{schema.Description.SchemaFileName}' has no operation for; its endpoints are {Admin.AdminNames.EndpointNames(schema.Endpoints)}.", nameof(options));
        }

        // Resolved once: a request looks its endpoint's limit up, it never recomputes it.
        var limits = schema.Operations.ToDictionary(
            pair => pair.Key,
            pair => options.DisableRateLimits ? null
                : options.RateLimitOverrides.TryGetValue(pair.Key, out var overridden) ? overridden
                : pair.Value.RequestsPerSecond);
        return new RateLimiter(options.TimeProvider, endpoint => limits.TryGetValue(endpoint, out var limit) ? limit : null);
    }

    /// <summary>Takes one token; false when the account is over its limit for the endpoint.</summary>
    public bool TryAcquire(string accountId, EmulatorEndpoint endpoint)
    {
        if (_limitOf(endpoint) is not { } perSecond || perSecond <= 0)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_buckets.TryGetValue((accountId, endpoint), out var bucket))
            {
                bucket = new Bucket { Tokens = perSecond, UpdatedAt = now };
                _buckets[(accountId, endpoint)] = bucket;
            }

            var elapsed = (now - bucket.UpdatedAt).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(perSecond, bucket.Tokens + elapsed * perSecond);
                bucket.UpdatedAt = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            return false;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }
}
