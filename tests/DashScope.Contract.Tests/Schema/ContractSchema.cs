using System.Text.RegularExpressions;
using DashScope.Toolkit.Description;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace DashScope.Contract.Tests.Schema;

/// <summary>One way an answer breaks its schema definition: where, what kind of rule, and a detail.</summary>
/// <param name="Path">Dotted path of the field in the answer (<c>output.task_status</c>), <c>(root)</c> for the body itself.</param>
/// <param name="Kind">The NJsonSchema error kind (<c>PropertyRequired</c>, <c>NotInEnumeration</c>...), or <c>UndeclaredProperty</c> / <c>NotJson</c>.</param>
/// <param name="Detail">Extra words: the branch of a <c>oneOf</c>, the offending value.</param>
public sealed record SchemaViolation(string Path, string Kind, string? Detail = null)
{
    public override string ToString() => Detail is null ? $"{Path}: {Kind}" : $"{Path}: {Kind} ({Detail})";
}

/// <summary>
/// schema/liveportrait.schema.json as the contract: which definition each answer must match (the operations
/// of the shared endpoint description, so a new operation, path or response definition needs no change
/// here), and NJsonSchema validation of a body against it.
/// </summary>
public sealed class ContractSchema
{
    private static readonly Lazy<ContractSchema> Shared = new(() => Load(Path.Combine(AppContext.BaseDirectory, "schema", "liveportrait.schema.json")));
    private static readonly Lazy<ContractSchema> SharedTwoTasks = new(() => Load(TwoTasksPath));

    private readonly JsonSchema _root;
    private readonly List<Route> _routes;

    private ContractSchema(EndpointDescription description, JsonSchema root, List<Route> routes, string errorDefinition)
    {
        Description = description;
        _root = root;
        _routes = routes;
        ErrorDefinition = errorDefinition;
    }

    /// <summary>The repository's schema, loaded once.</summary>
    public static ContractSchema Repository => Shared.Value;

    /// <summary>The two-task test schema, copied next to the tests.</summary>
    public static string TwoTasksPath => Path.Combine(AppContext.BaseDirectory, "schema", "two-tasks.schema.json");

    /// <summary>The two-task test schema, loaded once.</summary>
    public static ContractSchema TwoTasks => SharedTwoTasks.Value;

    /// <summary>The endpoint as the shared description reads it: operations, paths, task protocol, errors.</summary>
    public EndpointDescription Description { get; }

    /// <summary>The definition of the error envelope (<c>x-dashscope-service.error</c>).</summary>
    public string ErrorDefinition { get; }

    /// <summary>The names of the definitions that some answer must match.</summary>
    public IReadOnlyCollection<string> ResponseDefinitions => _routes.Select(r => r.Definition).Append(ErrorDefinition).Distinct().ToList();

    /// <summary>Reads the schema at <paramref name="path"/> through the shared endpoint description.</summary>
    public static ContractSchema Load(string path)
    {
        var read = EndpointDescriptionReader.Read(path, File.ReadAllText(path));
        var description = read.GetDescriptionOrThrow();
        var routes = description.Operations.SelectMany(Routes).ToList();
        if (description.Uploads is { Policy: var policy })
        {
            // The upload-policy call is an API call too, with its own answer definition, though not an operation.
            routes.Add(new Route(policy.Method, new Regex("^" + Regex.Escape(policy.Path) + "$", RegexOptions.CultureInvariant), policy.ResponseDefinition, null));
        }
        var error = description.Service.ErrorModel
            ?? throw new InvalidDataException($"{path}: x-dashscope-service names no error envelope, so error answers cannot be judged.");
        return new ContractSchema(description, read.Document!.Schema, routes, error);
    }

    /// <summary>
    /// The definition an answer must match: the error envelope for any status outside 2xx, else the
    /// response of the operation whose method and path template match. Null for a path the API does
    /// not have (a downloaded file, say).
    /// </summary>
    /// <param name="method">The request method.</param>
    /// <param name="apiPath">The path under the API root, e.g. <c>/tasks/abc</c>.</param>
    /// <param name="status">The HTTP status of the answer.</param>
    public string? DefinitionFor(string method, string apiPath, int status)
    {
        var route = _routes.FirstOrDefault(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && r.Pattern.IsMatch(apiPath));
        if (route is null)
        {
            return null;
        }

        return status is >= 200 and < 300 ? route.Definition : ErrorDefinition;
    }

    /// <summary>The operation whose method and path template match, with the path's parameter (a task id); null for a path the API does not have.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="apiPath">The path under the API root.</param>
    public (OperationDescription Operation, string? PathParameter)? OperationAt(string method, string apiPath)
    {
        foreach (var route in _routes.Where(r => r.Operation is not null && r.Method.Equals(method, StringComparison.OrdinalIgnoreCase)))
        {
            var match = route.Pattern.Match(apiPath);
            if (match.Success)
            {
                return (route.Operation!, match.Groups.Count > 1 ? Uri.UnescapeDataString(match.Groups[1].Value) : null);
            }
        }

        return null;
    }

    /// <summary>Validates <paramref name="body"/> against a definition.</summary>
    /// <param name="definition">A name under <c>definitions</c>.</param>
    /// <param name="body">The answer's text.</param>
    /// <param name="rejectUndeclared">Also report properties the schema does not declare (a field the other side invented or renamed).</param>
    public IReadOnlyList<SchemaViolation> Validate(string definition, string body, bool rejectUndeclared)
    {
        if (!_root.Definitions.TryGetValue(definition, out var schema))
        {
            throw new ArgumentException($"The schema has no definition '{definition}'.", nameof(definition));
        }

        JToken token;
        try
        {
            token = JToken.Parse(body);
        }
        catch (JsonReaderException e)
        {
            var start = body.Length > 80 ? body[..80] + "…" : body;
            return [new SchemaViolation("(root)", "NotJson", $"{e.Message} Body: {start}")];
        }

        var violations = new List<SchemaViolation>();
        Collect(schema.Validate(token), null, violations);
        if (rejectUndeclared)
        {
            Undeclared(schema.ActualSchema, token, "", violations);
        }

        return violations.Distinct().ToList();
    }

    private static void Collect(IEnumerable<ValidationError> errors, string? branch, List<SchemaViolation> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // oneOf/anyOf/allOf: name each branch by its description and report what broke in it.
                foreach (var (branchSchema, branchErrors) in child.Errors)
                {
                    Collect(branchErrors, branchSchema.Description ?? error.Kind.ToString(), into);
                }

                continue;
            }

            into.Add(new SchemaViolation(FieldPath(error), error.Kind.ToString(), Detail(error, branch)));
        }
    }

    private static string FieldPath(ValidationError error)
    {
        var path = error.Path ?? "";
        path = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property
            && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : path + "." + property;
        }

        return path.Length == 0 ? "(root)" : path;
    }

    private static string? Detail(ValidationError error, string? branch)
    {
        var value = error.Token is JValue { Value: not null } v ? $"value {v.ToString(Formatting.None)}" : null;
        return (branch, value) switch
        {
            (null, null) => null,
            (null, { } only) => only,
            ({ } only, null) => $"in branch \"{only}\"",
            ({ } b, { } x) => $"{x}, in branch \"{b}\"",
        };
    }

    private static void Undeclared(JsonSchema schema, JToken token, string path, List<SchemaViolation> into)
    {
        if (token is JObject obj)
        {
            var declared = schema.ActualProperties;
            if (declared.Count == 0)
            {
                return; // a free-form object: nothing to compare against
            }

            foreach (var property in obj.Properties())
            {
                var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (declared.TryGetValue(property.Name, out var propertySchema))
                {
                    Undeclared(propertySchema.ActualSchema, property.Value, child, into);
                }
                else
                {
                    into.Add(new SchemaViolation(child, "UndeclaredProperty", "the schema does not declare this field"));
                }
            }
        }
        else if (token is JArray array && schema.Item is { } item)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Undeclared(item.ActualSchema, array[i], $"{path}[{i}]", into);
            }
        }
    }

    private static IEnumerable<Route> Routes(OperationDescription operation)
    {
        foreach (var path in operation.AlternatePaths.Prepend(operation.Path))
        {
            // "/tasks/{task_id}" becomes ^/tasks/([^/]+)$; literal parts are escaped.
            var pattern = "^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+}", "([^/]+)") + "$";
            yield return new Route(operation.Method, new Regex(pattern, RegexOptions.CultureInvariant), operation.ResponseModel, operation);
        }
    }

    /// <summary>A path the API answers, with the definition of its success answer; <paramref name="Operation"/> is null for the upload-policy call.</summary>
    private sealed record Route(string Method, Regex Pattern, string Definition, OperationDescription? Operation);
}
