using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DashScope.Toolkit.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DashScope.Toolkit.CodeFixes;

/// <summary>
/// DSG010 and DSG011: replaces a string the schema does not list with one it does, offering each allowed value as
/// its own fix, closest to the written text (by edit distance) first.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KnownValueCodeFix)), Shared]
public sealed class KnownValueCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RequestDiagnosticIds.NotAllowedValue, RequestDiagnosticIds.UnknownEnumValue);

    /// <summary>None: each fix picks a value for one place, which a fix-all cannot choose for every place at once.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RequestDiagnosticProperties.Candidates, out var candidates) || string.IsNullOrEmpty(candidates)) { continue; }
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value) { continue; }
            foreach (var candidate in candidates!.Split(RequestDiagnosticProperties.CandidateSeparator))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use \"{candidate}\"", token => DocumentEdits.ReplaceValueAsync(context.Document, value, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(candidate)), token), equivalenceKey: nameof(KnownValueCodeFix) + ":" + candidate),
                    diagnostic);
            }
        }
    }
}
