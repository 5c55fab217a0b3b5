using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Checks request headers against the operation's header definition in the schema (required headers,
/// the Bearer pattern, <c>X-DashScope-Async: enable</c>, the <c>not</c> rule that forbids the async header on
/// synchronous endpoints). Checks compiled from the description answer where they can (<see cref="CompiledHeaderCheck"/>),
/// NJsonSchema where the description does not spell the rules out; the mapping from a failing header to
/// DashScope's answer is the same for both.
/// </summary>
internal sealed class RequestHeaderValidator
{
    private const int MaxCachedVerdicts = 4096;

    private readonly LivePortraitSchema _schema;
    private readonly string[] _knownHeaders;
    private readonly JsonSchemaValidator _validator = new();
    private readonly DashScopeError _missingAsyncHeader;
    private readonly Dictionary<OperationDefinition, CompiledHeaderCheck?> _compiled = [];

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
        foreach (var operation in schema.Operations.Values)
        {
            _compiled[operation] = operation.Description.HeadersModel is { } headers
                ? schema.Description.FindModel(headers) is { } model ? CompiledHeaderCheck.Compile(model, _knownHeaders) : null
                : CompiledHeaderCheck.AnyHeaders;
        }
    }

    /// <summary>The header names read from every request, in the order of the values the verdicts take.</summary>
    internal IReadOnlyList<string> KnownHeaders => _knownHeaders;

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

    private DashScopeError? ValidateUncached(OperationDefinition operation, string?[] values) =>
        _compiled.GetValueOrDefault(operation) is { } compiled ? CompiledVerdict(compiled, values) : SchemaVerdict(operation, values);

    /// <summary>The verdict of the checks compiled from the description.</summary>
    internal DashScopeError? CompiledVerdict(CompiledHeaderCheck compiled, string?[] values)
    {
        (int Rank, DashScopeError Error)? first = null;
        foreach (var (header, problem) in compiled.Problems(values))
        {
            var mapped = Map(header, problem == HeaderProblem.Missing, excluded: false);
            if (first is null || mapped.Rank < first.Value.Rank) { first = mapped; }
        }

        return first?.Error;
    }

    /// <summary>The compiled checks of <paramref name="operation"/>, or null when NJsonSchema checks its headers.</summary>
    internal CompiledHeaderCheck? CompiledFor(OperationDefinition operation) => _compiled.GetValueOrDefault(operation);

    /// <summary>The verdict of NJsonSchema on the operation's header definition: the fallback, and the oracle in tests.</summary>
    internal DashScopeError? SchemaVerdict(OperationDefinition operation, string?[] values)
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

    private (int Rank, DashScopeError Error) Map(ValidationError error) =>
        Map(
            error.Kind == ValidationErrorKind.PropertyRequired ? error.Property : (error.Property ?? error.Path?.TrimStart('#', '/')),
            missing: error.Kind == ValidationErrorKind.PropertyRequired,
            excluded: error.Kind == ValidationErrorKind.ExcludedSchemaValidates);

    private (int Rank, DashScopeError Error) Map(string? header, bool missing, bool excluded)
    {
        if (string.Equals(header, ProtocolFields.Authorization, StringComparison.OrdinalIgnoreCase))
        {
            return missing
                ? (0, _schema.Error(ProtocolError.MissingApiKey))
                : (1, _schema.Error(ProtocolError.InvalidApiKey));
        }

        if (string.Equals(header, ProtocolFields.AsyncHeader, StringComparison.OrdinalIgnoreCase))
        {
            return (2, _missingAsyncHeader);
        }

        if (excluded)
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
