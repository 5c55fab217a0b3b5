using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DashScope.Toolkit.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DashScope.Toolkit.CodeFixes;

/// <summary>DSG017: removes, from an object initializer, a property set to the value the service uses when it is absent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDefaultValueCodeFix)), Shared]
public sealed class RemoveDefaultValueCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RequestDiagnosticIds.ValueIsDefault);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node?.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is not { Parent: InitializerExpressionSyntax } assignment) { continue; }
            context.RegisterCodeFix(
                CodeAction.Create("Remove the assignment of the default value", token => Remove(context.Document, assignment, token), equivalenceKey: nameof(RemoveDefaultValueCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> Remove(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        // Followed by a comma, the assignment goes with that comma and its line break. Last in the list, it takes the
        // comma before it instead, and its own trailing space or line break stays in front of the closing brace.
        var followedByComma = assignment.GetLastToken().GetNextToken().IsKind(SyntaxKind.CommaToken);
        var options = followedByComma ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepTrailingTrivia;
        return document.WithSyntaxRoot(root!.RemoveNode(assignment, options)!);
    }
}
