using System;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>C# spellings of model types.</summary>
internal static class TypeNames
{
    public const string Toolkit = "global::DashScope.Toolkit";
    public const string Json = "global::DashScope.Toolkit.Json.DashScopeJson";
    public const string Validation = "global::DashScope.Toolkit.DashScopeValidationContext";
    public const string JsonElement = "global::System.Text.Json.JsonElement";

    /// <summary>The runtime's namespace for generated code: tables, codecs and rules (imported by the files that use it).</summary>
    public const string SupportNamespace = "DashScope.Toolkit.GeneratedCodeSupport";

    public static string Of(ValueTypeModel type, string ns) => type.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Number => "double",
        ValueKind.Integer => "int",
        ValueKind.LongInteger => "long",
        ValueKind.Boolean => "bool",
        ValueKind.Object or ValueKind.Enum => "global::" + ns + "." + type.TypeName,
        ValueKind.Array => "global::System.Collections.Generic.IReadOnlyList<" + Of(type.Item!, ns) + ">",
        ValueKind.Time => "global::System.DateTimeOffset",
        ValueKind.EpochTime => "global::System.DateTimeOffset",
        ValueKind.Any => JsonElement,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
    };

    /// <summary>
    /// The spelling inside the generated namespace: the schema's own types by their simple name (a namespace's own
    /// types come before any using or global using in C# name lookup), everything else fully qualified.
    /// </summary>
    public static string Local(ValueTypeModel type, string ns) => Of(type, ns).Replace("global::" + ns + ".", string.Empty);

    public static bool IsValueType(ValueTypeModel type) =>
        type.Kind is ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger or ValueKind.Boolean or ValueKind.Enum or ValueKind.Time or ValueKind.EpochTime or ValueKind.Any;
}
