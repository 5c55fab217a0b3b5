using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DashScope.Toolkit.CodeFixes;

/// <summary>The one edit the value fixes share: put another expression where the reported constant stands.</summary>
internal static class DocumentEdits
{
    /// <summary>Returns <paramref name="document"/> with <paramref name="value"/> replaced by <paramref name="replacement"/>, keeping the value's trivia.</summary>
    public static async Task<Document> ReplaceValueAsync(Document document, ExpressionSyntax value, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(value, replacement.WithTriviaFrom(value)));
    }
}
