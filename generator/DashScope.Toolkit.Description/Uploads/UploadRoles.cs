using System;
using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>The errors of the upload storage a consumer asks for, each found under one key of <c>x-dashscope-uploads</c>.</summary>
public enum UploadError
{
    /// <summary><c>resolveNotEnabled</c> (errors): a stored-file URL without the resolve header.</summary>
    ResolveNotEnabled,

    /// <summary><c>policyExpired</c> (storageErrors).</summary>
    PolicyExpired,

    /// <summary><c>signatureMismatch</c> (storageErrors).</summary>
    SignatureMismatch,

    /// <summary><c>conditionFailed</c> (storageErrors): a field breaks a policy condition; the message holds <c>{condition}</c>.</summary>
    ConditionFailed,

    /// <summary><c>missingField</c> (storageErrors): a required field is absent; the message holds <c>{field}</c>.</summary>
    MissingField,

    /// <summary><c>fileNotLast</c> (storageErrors).</summary>
    FileNotLast,

    /// <summary><c>entityTooLarge</c> (storageErrors).</summary>
    EntityTooLarge,

    /// <summary><c>fileAlreadyExists</c> (storageErrors).</summary>
    FileAlreadyExists,

    /// <summary><c>capacityExceeded</c> (storageErrors).</summary>
    CapacityExceeded,

    /// <summary><c>readDenied</c> (storageErrors): a download of a stored file.</summary>
    ReadDenied,
}

/// <summary>The schema keys of <see cref="UploadError"/> and <see cref="UploadPolicyField"/>: the role's name with a lower-case first letter.</summary>
public static class UploadRoles
{
    /// <summary>Every policy field, in order.</summary>
    public static IReadOnlyList<UploadPolicyField> PolicyFields { get; } = ((UploadPolicyField[])Enum.GetValues(typeof(UploadPolicyField))).ToList();

    /// <summary>The key of <paramref name="error"/> (e.g. <c>policyExpired</c>).</summary>
    /// <param name="error">The role.</param>
    public static string KeyOf(UploadError error) => Camel(error.ToString());

    /// <summary>The key of <paramref name="field"/> in <c>policy.fields</c> and in form templates (e.g. <c>uploadDir</c>).</summary>
    /// <param name="field">The role.</param>
    public static string KeyOf(UploadPolicyField field) => Camel(field.ToString());

    /// <summary>The policy field whose key is <paramref name="key"/>, or null.</summary>
    /// <param name="key">A key such as <c>uploadDir</c>.</param>
    public static UploadPolicyField? FieldOf(string key) => PolicyFields.Where(f => KeyOf(f) == key).Select(f => (UploadPolicyField?)f).FirstOrDefault();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
