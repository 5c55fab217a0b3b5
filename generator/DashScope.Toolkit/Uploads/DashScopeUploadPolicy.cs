using System.Globalization;
using System.Text.Json;

namespace DashScope.Toolkit;

/// <summary>
/// One upload policy handed out by the policy call: the values the form sends back, where it is posted, the
/// prefix every key starts with and the limits, with the moment it stops being accepted.
/// </summary>
public sealed record DashScopeUploadPolicy
{
    /// <summary>Creates a policy from its field values, as read from the policy answer.</summary>
    /// <param name="model">The model the policy is for.</param>
    /// <param name="values">Every field the answer held, as text (numbers in invariant form).</param>
    /// <param name="issuedAt">When the answer arrived.</param>
    public DashScopeUploadPolicy(string model, IReadOnlyDictionary<DashScopeUploadPolicyField, string> values, DateTimeOffset issuedAt)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Values = values ?? throw new ArgumentNullException(nameof(values));
        IssuedAt = issuedAt;
        UploadDir = Required(DashScopeUploadPolicyField.UploadDir).TrimEnd('/');
        UploadHost = Uri.TryCreate(Required(DashScopeUploadPolicyField.UploadHost), UriKind.Absolute, out var host)
            ? host
            : throw new DashScopeResponseException($"The upload policy for {model} names no absolute upload host: '{Values[DashScopeUploadPolicyField.UploadHost]}'.");
        ExpiresAt = issuedAt + TimeSpan.FromSeconds(Number(DashScopeUploadPolicyField.ExpireInSeconds) ?? 0);
        MaxFileSizeBytes = Number(DashScopeUploadPolicyField.MaxFileSizeMb) is { } mb ? (long)(mb * 1024 * 1024) : null;
        CapacityLimitBytes = Number(DashScopeUploadPolicyField.CapacityLimitMb) is { } cap ? (long)(cap * 1024 * 1024) : null;
    }

    /// <summary>The model the policy is for; a file uploaded with it can be used by that model only.</summary>
    public string Model { get; }

    /// <summary>Every field the answer held, as text.</summary>
    public IReadOnlyDictionary<DashScopeUploadPolicyField, string> Values { get; }

    /// <summary>When the policy call answered.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the storage stops accepting the policy.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The prefix every uploaded key starts with, without a trailing slash.</summary>
    public string UploadDir { get; }

    /// <summary>Where the form is posted.</summary>
    public Uri UploadHost { get; }

    /// <summary>The largest accepted file in bytes (from the MB the policy states), when it states one.</summary>
    public long? MaxFileSizeBytes { get; }

    /// <summary>The account's daily quota in bytes, when the policy states one.</summary>
    public long? CapacityLimitBytes { get; }

    /// <summary>True while the policy can still be used at <paramref name="now"/> with <paramref name="margin"/> to spare.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="margin">Time kept in hand for the upload itself.</param>
    public bool IsUsableAt(DateTimeOffset now, TimeSpan margin) => now + margin < ExpiresAt;

    /// <summary>Reads the policy call's answer, accepting numbers written as numbers or as text.</summary>
    /// <param name="answer">The answer's JSON bytes.</param>
    /// <param name="protocol">The storage protocol that names the fields.</param>
    /// <param name="model">The model the policy was asked for.</param>
    /// <param name="issuedAt">When the answer arrived.</param>
    /// <exception cref="DashScopeResponseException">The answer lacks a field the upload needs, or is not JSON.</exception>
    public static DashScopeUploadPolicy Read(ReadOnlySpan<byte> answer, DashScopeUploadProtocol protocol, string model, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        try
        {
            var reader = new Utf8JsonReader(answer);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty(protocol.PolicyDataProperty, out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new DashScopeResponseException($"The upload policy answer for {model} has no '{protocol.PolicyDataProperty}' object.");
            }
            var values = new Dictionary<DashScopeUploadPolicyField, string>();
            foreach (var (field, wireName) in protocol.PolicyFieldNames)
            {
                if (data.TryGetProperty(wireName, out var value) && Text(value) is { } text) { values[field] = text; }
            }
            return new DashScopeUploadPolicy(model, values, issuedAt);
        }
        catch (JsonException malformed)
        {
            throw new DashScopeResponseException($"The upload policy answer for {model} is not JSON: {malformed.Message}", malformed);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private string Required(DashScopeUploadPolicyField field) =>
        Values.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new DashScopeResponseException($"The upload policy for {Model} lacks its {field} field.");

    private double? Number(DashScopeUploadPolicyField field) =>
        Values.TryGetValue(field, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
