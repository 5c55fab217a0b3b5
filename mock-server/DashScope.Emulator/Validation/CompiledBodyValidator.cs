using System.Globalization;
using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Validates request bodies on System.Text.Json with checks compiled at start-up from the endpoint description,
/// finding the violations NJsonSchema would find in the order it finds them, ranked by the same
/// <see cref="ErrorRanking"/>. A few bodies are left undecided, for the NJsonSchema validator to answer: text that
/// is not strict JSON (Newtonsoft reads comments, single quotes, trailing commas...), strings Newtonsoft would read as
/// dates, strings that are not valid UTF-16, null array items, and enum comparisons with non-string values that
/// could match. Operations whose models it cannot compile (<see cref="CheckCompiler"/>) are always left to NJsonSchema.
/// </summary>
internal sealed class CompiledBodyValidator
{
    // Newtonsoft's default; deeper bodies are refused by both (the NJsonSchema side answers them).
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly LivePortraitSchema _schema;
    private readonly ErrorRanking _ranking;
    private readonly UploadsDescription? _uploads;
    private readonly Dictionary<OperationDefinition, CompiledOperation?> _operations = new();

    public CompiledBodyValidator(LivePortraitSchema schema, UnknownModelBehavior unknownModel)
    {
        _schema = schema;
        _ranking = new ErrorRanking(schema, unknownModel);
        _uploads = schema.Description.Uploads;
        var compiler = new CheckCompiler(schema.Description);
        foreach (var operation in schema.Operations.Values)
        {
            _operations[operation] = operation.Description.RequestModel is { } model && compiler.Object(model) is { } check
                ? new CompiledOperation(operation, check)
                : null;
        }
    }

    /// <summary>True when the operation's body is checked here; false when it always goes to NJsonSchema.</summary>
    public bool Covers(OperationDefinition operation) => _operations.TryGetValue(operation, out var compiled) && compiled is not null;

    /// <summary>Validates <paramref name="body"/>; false when this validator leaves the body to NJsonSchema.</summary>
    public bool TryValidate(OperationDefinition operation, string? body, out ValidationOutcome outcome)
    {
        outcome = default;
        if (!_operations.TryGetValue(operation, out var compiled) || compiled is null)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            outcome = ValidationOutcome.Invalid(_schema.Error(ProtocolError.MissingParameter));
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not strict JSON: Newtonsoft may still read it, so NJsonSchema's side decides.
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                outcome = ValidationOutcome.Invalid(_schema.Error(ProtocolError.InvalidParameter));
                return true;
            }

            var run = BodyCheckRun.Start(compiled, _uploads);
            try
            {
                run.ValidateObject(root, compiled.Check, propertyName: null, isRoot: true);
                if (run.Undecided)
                {
                    return false;
                }

                if (run.BestRank == int.MaxValue)
                {
                    outcome = ValidationOutcome.Valid(compiled.Values(body, root, run));
                    return true;
                }

                var error = _ranking.Error(run.BestRank, run.BestParameter!);
                outcome = run.BestRank == ErrorRanking.UrlRank
                    ? new ValidationOutcome(compiled.Values(body, root, run), error, IsUrlProblem: true)
                    : ValidationOutcome.Invalid(error);
                return true;
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-16 once unescaped; Newtonsoft reads it as it is.
                return false;
            }
            finally
            {
                run.Finish();
            }
        }
    }
}
