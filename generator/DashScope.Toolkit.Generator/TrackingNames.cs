namespace DashScope.Toolkit.Generator;

/// <summary>Names of the pipeline steps, so tests can prove what was cached.</summary>
public static class TrackingNames
{
    /// <summary>The additional files marked as schemas (DashScopeSchema metadata).</summary>
    public const string SchemaFiles = nameof(SchemaFiles);

    /// <summary>Each file's text with its per-file settings.</summary>
    public const string SchemaInputs = nameof(SchemaInputs);

    /// <summary>Each file parsed into a model or diagnostics.</summary>
    public const string ParsedSchemas = nameof(ParsedSchemas);

    /// <summary>All parsed files together, to find names two schemas share.</summary>
    public const string AllSchemas = nameof(AllSchemas);

    /// <summary>Each file's final model after cross-file checks.</summary>
    public const string EmissionUnits = nameof(EmissionUnits);
}
