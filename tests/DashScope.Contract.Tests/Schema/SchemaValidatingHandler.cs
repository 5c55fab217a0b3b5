using System.Net.Http.Headers;

namespace DashScope.Contract.Tests.Schema;

/// <summary>
/// Sits in front of the network: reads every answer, validates its body against the definition the
/// schema assigns to that call (success or error; a task's query by the task model of the operation that
/// submitted it), records it in an <see cref="AnswerLog"/>, and hands the caller an identical answer.
/// Nothing reaches a test without having been judged.
/// </summary>
public sealed class SchemaValidatingHandler(ContractSchema schema, Uri apiRoot, AnswerLog log, bool rejectUndeclared) : DelegatingHandler
{
    private readonly TaskDefinitions _tasks = new(schema);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var body = System.Text.Encoding.UTF8.GetString(bytes);

        var method = request.Method.Method;
        var apiPath = ApiPath(request.RequestUri!);
        var status = (int)response.StatusCode;
        var definition = apiPath is null ? null : schema.DefinitionFor(method, apiPath, status);
        if (definition is not null && status is >= 200 and < 300)
        {
            definition = _tasks.Judge(method, apiPath!, body, definition);
        }

        var violations = definition is null ? [] : schema.Validate(definition, body, rejectUndeclared);
        log.Add(new RecordedAnswer(method, apiPath ?? request.RequestUri!.AbsolutePath, status, definition, body, violations));

        // The content was consumed; give the caller the same bytes with the same headers.
        var copy = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        return response;
    }

    /// <summary>The path under the API root (<c>/tasks/x</c>), or null when the URL is not under it.</summary>
    private string? ApiPath(Uri uri)
    {
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), apiRoot.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var root = apiRoot.AbsolutePath.TrimEnd('/');
        var path = uri.AbsolutePath;
        return path.StartsWith(root + "/", StringComparison.Ordinal) ? path[root.Length..] : null;
    }
}

/// <summary>One answer the suite saw, with the definition it was judged by and what broke.</summary>
public sealed record RecordedAnswer(string Method, string Path, int Status, string? Definition, string Body, IReadOnlyList<SchemaViolation> Violations)
{
    public override string ToString() => $"{Method} {Path} -> {Status} as {Definition ?? "(not an API answer)"}";
}
