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

    public static bool IsValueType(ValueTypeModel type) =>
        type.Kind is ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger or ValueKind.Boolean or ValueKind.Enum or ValueKind.Time or ValueKind.EpochTime or ValueKind.Any;
}
