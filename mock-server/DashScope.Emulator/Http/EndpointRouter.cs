using System.Text.RegularExpressions;
using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Http;

/// <summary>
/// Matches a method and path to a schema operation. The path templates come from the schema
/// (<c>/tasks/{task_id}</c> becomes a one-segment pattern), prefixed with the base path of the service URL.
/// </summary>
internal sealed class EndpointRouter
{
    private readonly List<Route> _routes = new();

    public EndpointRouter(LivePortraitSchema schema)
    {
        foreach (var operation in schema.Operations.Values)
        {
            foreach (var template in operation.Paths)
            {
                var pattern = "^" + Regex.Escape(schema.BasePath + template).Replace("\\{", "{", StringComparison.Ordinal);
                pattern = Regex.Replace(pattern, "{[^}/]+}", "([^/]+)") + "$";
                _routes.Add(new Route(operation, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled)));
            }
        }
    }

    /// <summary>The operation for the method and path; <paramref name="pathKnown"/> tells a wrong method from an unknown path.</summary>
    public OperationDefinition? Resolve(string method, string path, out bool pathKnown, out string? pathParameter)
    {
        pathKnown = false;
        pathParameter = null;
        foreach (var route in _routes)
        {
            var match = route.Regex.Match(path);
            if (!match.Success)
            {
                continue;
            }

            pathKnown = true;
            if (string.Equals(route.Operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                pathParameter = match.Groups.Count > 1 ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
                return route.Operation;
            }
        }

        return null;
    }

    private sealed record Route(OperationDefinition Operation, Regex Regex);
}
