using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// The figures a policy carries: its life, the largest file and the account's daily capacity. Each comes from the
/// value the schema's policy definition suggests (the reference's example), unless an emulator option overrides it
/// so a test can reach a limit with small files.
/// </summary>
/// <param name="PolicyLifetime">How long a policy can be used.</param>
/// <param name="MaxFileBytes">The largest file a policy allows.</param>
/// <param name="DailyCapacityBytes">What one account may store per day.</param>
/// <param name="FileLifetime">How long a stored file can be used.</param>
internal sealed record UploadLimits(TimeSpan PolicyLifetime, long MaxFileBytes, long DailyCapacityBytes, TimeSpan FileLifetime)
{
    private const long BytesPerMb = 1024 * 1024;

    public static UploadLimits Create(UploadsDescription uploads, EmulatorOptions options)
    {
        var policy = uploads.Policy;
        return new UploadLimits(
            TimeSpan.FromSeconds(Number(policy.Field(UploadPolicyField.ExpireInSeconds), 300)),
            options.UploadMaxFileBytes ?? Number(policy.Field(uploads.Rules.MaxFileSize), 100) * BytesPerMb,
            options.UploadDailyCapacityBytes ?? Number(policy.Field(uploads.Rules.DailyCapacity), 999_999_999) * BytesPerMb,
            TimeSpan.FromHours(uploads.Rules.FileLifetimeHours));
    }

    private static long Number(UploadPolicyFieldDescription field, long fallback) =>
        long.TryParse(field.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
