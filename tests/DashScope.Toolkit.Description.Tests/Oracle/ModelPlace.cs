using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>Where a schema sits, as a definition and the steps to it; it names the model made there.</summary>
internal sealed class ModelPlace
{
    private readonly List<InlineStep> _steps;

    private ModelPlace(string definition, List<InlineStep> steps)
    {
        Definition = definition;
        _steps = steps;
    }

    public string Definition { get; }

    public IReadOnlyList<InlineStep> Steps => _steps;

    /// <summary>The neutral name: the definition, then <c>.wire</c> for a property and <c>[]</c> for array items.</summary>
    public string Name => Definition + string.Concat(_steps.Select(s => s.IsItems ? "[]" : "." + s.PropertyWireName));

    public static ModelPlace OfDefinition(string definition) => new(definition, new List<InlineStep>());

    public ModelPlace Property(string wireName) => new(Definition, new List<InlineStep>(_steps) { new InlineStep(wireName) });

    public ModelPlace Items() => new(Definition, new List<InlineStep>(_steps) { InlineStep.Items });
}
