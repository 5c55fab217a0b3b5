using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace DashScope.Toolkit.Generator.Parsing;

/// <summary>Turns wire names into C# identifiers.</summary>
internal static class Names
{
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
