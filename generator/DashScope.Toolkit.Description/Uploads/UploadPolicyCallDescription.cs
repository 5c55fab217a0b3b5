using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>The fields of an upload policy, by what they do; the schema names each one's wire name in <c>policy.fields</c>.</summary>
public enum UploadPolicyField
{
    /// <summary><c>policy</c>: the base64 policy document.</summary>
    Policy,

    /// <summary><c>signature</c>: the policy's signature.</summary>
    Signature,

    /// <summary><c>uploadDir</c>: the prefix every uploaded key starts with.</summary>
    UploadDir,

    /// <summary><c>uploadHost</c>: where the form is posted.</summary>
    UploadHost,

    /// <summary><c>expireInSeconds</c>: how long the policy can be used.</summary>
    ExpireInSeconds,

    /// <summary><c>maxFileSizeMb</c>: the largest file, in MB.</summary>
    MaxFileSizeMb,

    /// <summary><c>capacityLimitMb</c>: the account's daily quota, in MB.</summary>
    CapacityLimitMb,

    /// <summary><c>accessKeyId</c>: the storage access key id the form sends back.</summary>
    AccessKeyId,

    /// <summary><c>objectAcl</c>: the object ACL the form must send.</summary>
    ObjectAcl,

    /// <summary><c>forbidOverwrite</c>: whether an existing key may be replaced.</summary>
    ForbidOverwrite,
}

/// <summary>The call that hands out an upload policy (<c>x-dashscope-uploads.policy</c>).</summary>
/// <param name="Description">What it does, in the schema's words.</param>
/// <param name="Method">The HTTP method (GET).</param>
/// <param name="Path">The path under the API root.</param>
/// <param name="Query">The query parameters in order; a value <c>{model}</c> stands for the model the policy is for.</param>
/// <param name="HeadersDefinition">The definition of its headers, if any.</param>
/// <param name="ResponseDefinition">The definition of its answer.</param>
/// <param name="DataProperty">The answer's property that holds the policy (<c>data</c>, not <c>output</c>).</param>
/// <param name="DataDefinition">The definition of that property.</param>
/// <param name="Fields">Every policy field with its wire name, in <see cref="UploadPolicyField"/> order.</param>
/// <param name="RateLimit">The call's limit (the shipped schema: 100/s per account and model).</param>
public sealed record UploadPolicyCallDescription(
    string? Description,
    string Method,
    string Path,
    EquatableArray<UploadQueryParameter> Query,
    string? HeadersDefinition,
    string ResponseDefinition,
    string DataProperty,
    string DataDefinition,
    EquatableArray<UploadPolicyFieldDescription> Fields,
    RateLimitDescription? RateLimit)
{
    /// <summary>The value of a query parameter that the caller fills with the model.</summary>
    public const string ModelPlaceholder = "{model}";

    /// <summary>The field that plays <paramref name="field"/>.</summary>
    /// <param name="field">The role.</param>
    public UploadPolicyFieldDescription Field(UploadPolicyField field) => Fields.First(f => f.Field == field);

    /// <summary>The query parameter that carries the model.</summary>
    public string ModelParameter => Query.First(q => q.Value == ModelPlaceholder).Name;
}

/// <summary>One query parameter of the policy call.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its fixed value, or <c>{model}</c>.</param>
public sealed record UploadQueryParameter(string Name, string Value);

/// <summary>One field of an upload policy.</summary>
/// <param name="Field">What it does.</param>
/// <param name="WireName">Its name in the answer's data object.</param>
/// <param name="Value">The value the definition fixes or suggests (its only enum value, else its default), as text; null when it states none.</param>
/// <param name="NumberOrText">True when the definition accepts a number or its text (<c>"type": ["integer", "string"]</c>).</param>
public sealed record UploadPolicyFieldDescription(UploadPolicyField Field, string WireName, string? Value, bool NumberOrText);
