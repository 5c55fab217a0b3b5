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

/// <summary>DSG009: replaces a number outside the schema's range with the nearest value the range allows.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampToBoundCodeFix)), Shared]
public sealed class ClampToBoundCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RequestDiagnosticIds.OutOfRange);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RequestDiagnosticProperties.ClampTo, out var bound) || bound is null) { continue; }
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value) { continue; }
            context.RegisterCodeFix(
                CodeAction.Create("Clamp to " + bound, token => DocumentEdits.ReplaceValueAsync(context.Document, value, SyntaxFactory.ParseExpression(bound), token), equivalenceKey: nameof(ClampToBoundCodeFix)),
                diagnostic);
        }
    }
}
