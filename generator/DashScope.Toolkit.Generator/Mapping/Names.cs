using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>Turns wire names into C# identifiers, and knows the names the generated code already uses.</summary>
internal static class Names
{
    // Members every record and enum struct has from object (and records synthesize): a property, enum member or
    // type of that name clashes with them (CS0102, CS0108, CS0542).
    private static readonly string[] ObjectMemberNames = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize", "PrintMembers" };

    /// <summary>Names that generated members already use inside a record or the JSON context.</summary>
    public static readonly HashSet<string> ReservedPropertyNames = new(new[] { "AdditionalProperties", "Validate", "EqualityContract", "ToQueryString" }.Concat(ObjectMemberNames), StringComparer.Ordinal);

    /// <summary>Names a type cannot have: the JSON context's own members, namespaces the generated code names, object's members.</summary>
    public static readonly HashSet<string> ReservedTypeNames = new(new[] { "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "System", "DashScope", "Microsoft", "Global" }.Concat(ObjectMemberNames), StringComparer.Ordinal);

    /// <summary>The members an enum struct already has, which its values' members must not take (besides the type's own name).</summary>
    /// <summary>
    /// Types that a project's implicit usings bring into scope (System, System.IO, System.Linq, System.Net.Http,
    /// System.Threading, System.Threading.Tasks, System.Collections.Generic). A generated type with one of these
    /// names would be ambiguous in such a project's code (<c>TaskStatus</c>), so it takes the service's name first.
    /// </summary>
    public static readonly HashSet<string> ImplicitUsingTypeNames = new(new[]
    {
        "Task", "TaskStatus", "ValueTask", "TaskScheduler", "TaskFactory", "Parallel", "Timer", "Thread", "Monitor", "Barrier", "Semaphore", "Mutex", "Interlocked", "Volatile", "Timeout", "CancellationToken",
        "Action", "Func", "Uri", "Version", "Type", "Attribute", "Exception", "Environment", "Random", "Range", "Index", "Buffer", "Console", "Convert", "Math", "Guid", "TimeSpan", "DateTime",
        "DateTimeOffset", "DateOnly", "TimeOnly", "TimeProvider", "TimeZoneInfo", "Delegate", "Enum", "Lazy", "Nullable", "Progress", "Tuple", "Array", "Object", "String", "Half", "Activator", "GC",
        "Path", "File", "Directory", "Stream", "FileInfo", "DirectoryInfo", "FileMode", "FileAccess", "StreamReader", "StreamWriter",
        "HttpClient", "HttpMethod", "HttpContent", "HttpRequestMessage", "HttpResponseMessage", "HttpCompletionOption", "StringContent",
        "Enumerable", "Queryable", "Lookup", "List", "Dictionary", "HashSet", "Queue", "Stack", "LinkedList", "Comparer", "EqualityComparer", "KeyValuePair", "SortedList", "SortedSet",
    }, StringComparer.Ordinal);

    public static IEnumerable<string> EnumStructMemberNames => new[] { "Value", "IsKnown", "IsTerminal", "AllowedValues" }.Concat(ObjectMemberNames);

    /// <summary>snake_case, kebab-case or dotted text to PascalCase; letters and digits of any script are kept.</summary>
    public static string ToPascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        var upperNext = true;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                builder.Append(upperNext ? char.ToUpperInvariant(ch) : ch);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }
        if (builder.Length > 0 && char.IsDigit(builder[0])) { builder.Insert(0, '_'); }
        return builder.ToString();
    }

    /// <summary>True when <paramref name="name"/> can be used as written as a C# type or member name.</summary>
    public static bool IsUsableIdentifier(string name) =>
        name.Length > 0
        && SyntaxFacts.IsValidIdentifier(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>True for a dotted namespace of usable identifiers.</summary>
    public static bool IsUsableNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsUsableIdentifier(part)) { return false; }
        }
        return true;
    }
}
