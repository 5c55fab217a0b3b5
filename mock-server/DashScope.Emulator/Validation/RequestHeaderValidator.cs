using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Checks request headers against the operation's header definition in the schema (required headers,
/// the Bearer pattern, <c>X-DashScope-Async: enable</c>, the <c>not</c> rule that forbids the async header on
/// synchronous endpoints). Only the mapping from a failing header to DashScope's answer lives here.
/// </summary>
internal sealed class RequestHeaderValidator
{
    private const int MaxCachedVerdicts = 4096;

    private readonly LivePortraitSchema _schema;
    private readonly string[] _knownHeaders;
    private readonly JsonSchemaValidator _validator = new();
    private readonly DashScopeError _missingAsyncHeader;

    // A client sends the same headers on every call; the schema's verdict on them is memoised so the
    // NJsonSchema validation runs once per distinct header set, not once per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DashScopeError?> _verdicts = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static LastVerdict? _lastOnThread;

    public RequestHeaderValidator(LivePortraitSchema schema, MissingAsyncHeaderAnswer missingAsyncHeader = MissingAsyncHeaderAnswer.AccessDenied403)
    {
        _schema = schema;
        var syncNotSupported = schema.Error(ProtocolError.SyncNotSupported);

        // The alternative keeps the schema's message and takes status and code from its invalidParameter entry.
        _missingAsyncHeader = missingAsyncHeader == MissingAsyncHeaderAnswer.InvalidParameter400
            ? schema.Error(ProtocolError.InvalidParameter) with { Message = syncNotSupported.Message }
            : syncNotSupported;
        // From the description, not the NJsonSchema definitions: building the pipeline must not make NJsonSchema read the file.
        _knownHeaders = schema.Operations.Values
            .SelectMany(o => schema.Description.FindModel(o.Description.HeadersModel)?.Properties.Select(p => p.WireName) ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>Returns the first error by precedence: 401 before 403 before other header faults.</summary>
    public DashScopeError? Validate(OperationDefinition operation, Func<string, string?> header)
    {
        // A client sends the same headers request after request: the last verdict on this thread is compared first,
        // so a repeat costs the header look-ups and no allocation.
        var last = _lastOnThread is { } cached && cached.Scratch.Length == _knownHeaders.Length
            ? cached
            : _lastOnThread = new LastVerdict(_knownHeaders.Length);
        var values = last.Scratch;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = header(_knownHeaders[i]);
        }

        if (ReferenceEquals(last.Validator, this) && ReferenceEquals(last.Operation, operation) && values.AsSpan().SequenceEqual(last.Values))
        {
            return last.Verdict;
        }

        var verdict = VerdictOf(operation, values);
        last.Remember(this, operation, values, verdict);
        return verdict;
    }

    private DashScopeError? VerdictOf(OperationDefinition operation, string?[] values)
    {
        var key = operation.Endpoint + "\n" + string.Join("\n", values.Select(v => v is null ? "\u0001" : v.Replace("\n", " ", StringComparison.Ordinal)));
        if (_verdicts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var verdict = ValidateUncached(operation, values);
        if (_verdicts.Count >= MaxCachedVerdicts)
        {
            _verdicts.Clear();
        }

        _verdicts[key] = verdict;
        return verdict;
    }

    private DashScopeError? ValidateUncached(OperationDefinition operation, string?[] values)
    {
        var headers = new JObject();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                headers[_knownHeaders[i]] = value;
            }
        }

        var errors = _validator.Validate(headers, operation.HeaderSchema);
        if (errors.Count == 0)
        {
            return null;
        }

        return errors.Select(Map).OrderBy(m => m.Rank).First().Error;
    }

    /// <summary>The key from a well-formed <c>Authorization: Bearer key</c> header.</summary>
    public static string? ApiKey(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            ? authorization["Bearer ".Length..].Trim()
            : null;

    private (int Rank, DashScopeError Error) Map(ValidationError error)
    {
        var header = error.Kind == ValidationErrorKind.PropertyRequired ? error.Property : (error.Property ?? error.Path?.TrimStart('#', '/'));
        if (string.Equals(header, ProtocolFields.Authorization, StringComparison.OrdinalIgnoreCase))
        {
            return error.Kind == ValidationErrorKind.PropertyRequired
                ? (0, _schema.Error(ProtocolError.MissingApiKey))
                : (1, _schema.Error(ProtocolError.InvalidApiKey));
        }

        if (string.Equals(header, ProtocolFields.AsyncHeader, StringComparison.OrdinalIgnoreCase))
        {
            return (2, _missingAsyncHeader);
        }

        if (error.Kind == ValidationErrorKind.ExcludedSchemaValidates)
        {
            // The only "not" in the header definitions forbids X-DashScope-Async on synchronous endpoints.
            return (3, _schema.Error(ProtocolError.AsyncNotSupported));
        }

        return (4, _schema.Error(ProtocolError.InvalidParameter));
    }

    /// <summary>The last header set this thread validated and its verdict.</summary>
    private sealed class LastVerdict(int headerCount)
    {
        public string?[] Scratch { get; } = new string?[headerCount];

        public string?[] Values { get; } = new string?[headerCount];

        public RequestHeaderValidator? Validator { get; private set; }

        public OperationDefinition? Operation { get; private set; }

        public DashScopeError? Verdict { get; private set; }

        public void Remember(RequestHeaderValidator validator, OperationDefinition operation, string?[] values, DashScopeError? verdict)
        {
            Validator = validator;
            Operation = operation;
            values.CopyTo(Values, 0);
            Verdict = verdict;
        }
    }
}
