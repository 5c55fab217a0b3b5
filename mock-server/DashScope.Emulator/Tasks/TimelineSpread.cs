namespace DashScope.Emulator.Tasks;

/// <summary>
/// The seeded spread of <see cref="TimingProfile.Spread"/>: each duration is multiplied by e^(σZ), Z a standard
/// normal draw cut to ±<see cref="Cut"/>, so the configured duration is the median and no draw leaves
/// [duration × e^-(σ·Cut), duration × e^(σ·Cut)]. Draws come from one seeded generator in call order; the caller
/// serialises the calls.
/// </summary>
internal sealed class TimelineSpread(int seed)
{
    /// <summary>σ of the log-normal factor.</summary>
    public const double Sigma = 0.5;

    /// <summary>Where the normal draw is cut, in standard deviations.</summary>
    public const double Cut = 2;

    // System.Random with a seed is the same sequence on every run of a given runtime, which is what a test replays.
    private readonly Random _random = new(seed);

    /// <summary>The smallest factor a draw can give.</summary>
    public static double MinFactor { get; } = Math.Exp(-Sigma * Cut);

    /// <summary>The largest factor a draw can give.</summary>
    public static double MaxFactor { get; } = Math.Exp(Sigma * Cut);

    /// <summary><paramref name="median"/> times the next factor, to the millisecond so timelines read the same in every answer format.</summary>
    public TimeSpan Next(TimeSpan median)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        var factor = Math.Exp(Sigma * Math.Clamp(z, -Cut, Cut));
        return TimeSpan.FromMilliseconds(Math.Round(median.TotalMilliseconds * factor));
    }
}
