using System.Collections.Immutable;
using System.Linq;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// Reports, at compile time, a constant assigned to a property of a generated request that breaks the schema's
/// rule for it (DSG009 to DSG016), and a constant that only repeats the service's default (DSG017). It reads the
/// same AdditionalFiles as the generator (those marked <c>DashScopeSchema="true"</c>), through the same mapping, once per compilation
/// (and once per distinct schema text across compilations).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestConstantAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        RequestRuleDescriptors.OutOfRange,
        RequestRuleDescriptors.NotAllowedValue,
        RequestRuleDescriptors.UnknownEnumValue,
        RequestRuleDescriptors.NotAbsoluteUri,
        RequestRuleDescriptors.PatternMismatch,
        RequestRuleDescriptors.LengthOutOfRange,
        RequestRuleDescriptors.RequiredIsNull,
        RequestRuleDescriptors.ItemCountOutOfRange,
        RequestRuleDescriptors.ValueIsDefault);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var options = context.Options;
        var inputs = options.AdditionalFiles
            .Where(file => SchemaFileInputs.IsSchema(file, options.AnalyzerConfigOptionsProvider))
            .Select(file => SchemaFileInputs.Create(file, options.AnalyzerConfigOptionsProvider, context.CancellationToken))
            .ToList();
        if (inputs.Count == 0) { return; }
        var rules = SchemaRulesCache.RulesFor(inputs, context.CancellationToken);
        if (RequestRuleIndex.Create(context.Compilation, rules) is not { } index) { return; }
        context.RegisterOperationAction(operation => Analyze(operation, index), OperationKind.SimpleAssignment);
    }

    private static void Analyze(OperationAnalysisContext context, RequestRuleIndex index)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !index.TryGet(property, out var rule)) { return; }

        var value = assignment.Value;
        if (rule.Required && ConstantReader.Constant(value) is { Value: null } missing)
        {
            context.ReportDiagnostic(Diagnostic.Create(RequestRuleDescriptors.RequiredIsNull, missing.Syntax.GetLocation(), rule.WireName));
            return;
        }
        new ValueChecker(index, context.ReportDiagnostic).Check(rule.WireName, rule.Value, value);

        // Only in a new object: there, leaving the property out sends nothing and the service applies its default.
        // In a with expression or an assignment, removing it would keep whatever value was there before.
        if (assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation }
            && DefaultValues.IsDefault(rule, value, index))
        {
            context.ReportDiagnostic(Diagnostic.Create(RequestRuleDescriptors.ValueIsDefault, assignment.Syntax.GetLocation(), rule.WireName, rule.DefaultText));
        }
    }
}
