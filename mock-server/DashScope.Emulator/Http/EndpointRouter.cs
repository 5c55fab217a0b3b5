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
                var full = schema.BasePath + template;
                var pattern = "^" + Regex.Escape(full).Replace("\\{", "{", StringComparison.Ordinal);
                pattern = Regex.Replace(pattern, "{[^}/]+}", "([^/]+)") + "$";
                var parameters = Regex.Matches(full, "{[^}/]+}");
                _routes.Add(new Route(
                    operation,
                    new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled),
                    parameters.Count,
                    parameters.Count == 1 ? parameters[0].Index : 0,
                    parameters.Count == 1 ? full.Length - parameters[0].Index - parameters[0].Length : 0));
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
            // IsMatch allocates nothing; a Match (its groups and their captures) is made only when the span alone cannot say.
            if (!route.Regex.IsMatch(path))
            {
                continue;
            }

            pathKnown = true;
            if (string.Equals(route.Operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                pathParameter = route.Parameter(path) is { } parameter ? Uri.UnescapeDataString(parameter) : null;
                return route.Operation;
            }
        }

        return null;
    }

    /// <param name="Operation">The operation.</param>
    /// <param name="Regex">The whole path as a pattern, anchored at both ends.</param>
    /// <param name="ParameterCount">How many parameters the template has.</param>
    /// <param name="PrefixLength">With one parameter: the length of the literal text before it.</param>
    /// <param name="SuffixLength">With one parameter: the length of the literal text after it.</param>
    private sealed record Route(OperationDefinition Operation, Regex Regex, int ParameterCount, int PrefixLength, int SuffixLength)
    {
        /// <summary>The first parameter's text in a path the pattern matched; null when the template has none.</summary>
        public string? Parameter(string path)
        {
            if (ParameterCount == 0)
            {
                return null;
            }

            // With one parameter between literal texts, the pattern matched exactly the literals around it, so it is
            // what lies between them. "$" also matches before a final newline, which the slice would take in: the
            // pattern's own groups decide that case, and templates with more parameters.
            return ParameterCount == 1 && !path.EndsWith('\n')
                ? path.Substring(PrefixLength, path.Length - PrefixLength - SuffixLength)
                : Regex.Match(path).Groups[1].Value;
        }
    }
}
