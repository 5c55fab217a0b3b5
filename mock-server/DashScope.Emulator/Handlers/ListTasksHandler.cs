using System.Globalization;
using DashScope.Emulator.Http;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DashScope.Emulator.Handlers;

/// <summary>
/// The task list: the account's tasks in a time window of at most a day (the last day by default), filtered
/// by the query, newest first, one page at a time. The query is validated against the schema's query definition.
/// </summary>
internal sealed class ListTasksHandler : IOperationHandler
{
    private static readonly TimeSpan Window = ProtocolFields.List.Window;

    private readonly TaskBoard _board;
    private readonly RequestBodyValidator _validator;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;
    private readonly TimeProvider _time;
    private readonly ListQueryFields _fields;
    private readonly EmulatorFidelity _fidelity;

    public ListTasksHandler(TaskBoard board, RequestBodyValidator validator, LivePortraitSchema schema, DashScopeJson json, TimeProvider time, EmulatorFidelity? fidelity = null)
    {
        _fidelity = fidelity ?? EmulatorFidelity.Default;
        _board = board;
        _validator = validator;
        _schema = schema;
        _json = json;
        _time = time;
        _fields = new ListQueryFields(schema.Description, schema.Description.OfKind(OperationKind.TaskList).FirstOrDefault());
    }

    public OperationKind Kind => OperationKind.TaskList;

    public ValueTask<Answer> HandleAsync(RequestContext context) => ValueTask.FromResult(List(context));

    private Answer List(RequestContext context)
    {
        var operation = context.Operation!;
        var query = TypedQuery(operation, context);
        if (_fidelity.PageSizeOverMaximum == PageSizeOverMaximum.ClampToMaximum && _fields is { PageSize: { } sizeField, MaxPageSize: { } max }
            && query[sizeField] is JValue { Type: JTokenType.Integer } asked && (long)asked > max)
        {
            query[sizeField] = max;
        }

        if (_validator.ValidateQuery(operation, query) is { } invalid)
        {
            return _json.ErrorAnswer(invalid, context.RequestId);
        }

        var now = _time.GetUtcNow();
        var start = ParseListTime(Text(query, _fields.StartTime));
        var end = ParseListTime(Text(query, _fields.EndTime));
        (DateTimeOffset From, DateTimeOffset To) range = (start, end) switch
        {
            (null, null) => (now - Window, now),
            ({ } s, null) => (s, Shift(s, Window)),
            (null, { } e) => (Shift(e, -Window), e),
            ({ } s, { } e) => (s, e),
        };
        if (range.To < range.From || range.To - range.From > Window)
        {
            return _json.ErrorAnswer(_schema.Error(ProtocolError.InvalidParameter), context.RequestId);
        }

        var status = Text(query, _fields.Status);
        var model = Text(query, _fields.ModelName);
        var taskId = Text(query, _fields.TaskId);
        var matches = _board.Snapshot(context.AccountId)
            .Where(t => t.SubmitTime >= range.From && t.SubmitTime < Shift(range.To, TimeSpan.FromSeconds(1)))
            .Where(t => status is null || t.Status.ToWireName() == status)
            .Where(t => model is null || t.Model == model)
            .Where(t => taskId is null || t.TaskId == taskId)
            .OrderByDescending(t => t.SubmitTime).ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .ToList();

        // page_no has no maximum in the schema; past what an answer can carry it is out of range.
        if (Number(query, _fields.PageNo) > int.MaxValue)
        {
            return _json.ErrorAnswer(_schema.Error(ProtocolError.InvalidParameter), context.RequestId);
        }

        var pageNo = (int?)Number(query, _fields.PageNo) ?? _fields.DefaultPageNo;
        var pageSize = (int?)Number(query, _fields.PageSize) ?? _fields.DefaultPageSize;
        if (_fidelity.PageBeyondLast == PageBeyondLast.LastPage && (long)(pageNo - 1) * pageSize >= matches.Count)
        {
            // The last page that holds a task; page 1 when none matches.
            pageNo = Math.Max(1, (matches.Count + pageSize - 1) / pageSize);
        }

        var skip = (long)(pageNo - 1) * pageSize;
        var page = matches.Skip(skip > matches.Count ? matches.Count : (int)skip).Take(pageSize).ToList();
        return Answer.Json(200, _json.TaskList(page, matches.Count, pageNo, pageSize, context.RequestId));
    }

    /// <summary>The query string as JSON, each value given the type its schema property declares, for validation.</summary>
    private static JObject TypedQuery(OperationDefinition operation, RequestContext context)
    {
        var query = new JObject();
        var properties = operation.QuerySchema!.ActualSchema.Properties;
        foreach (var (name, value) in context.QueryValues())
        {
            if (string.IsNullOrEmpty(value) || !properties.TryGetValue(name, out var property))
            {
                continue;
            }

            // Query strings are text; give the schema the JSON type it declares so "page_no=2" is an integer.
            query[name] = property.ActualSchema.Type.HasFlag(JsonObjectType.Integer) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? new JValue(number)
                : new JValue(value);
        }

        return query;
    }

    private static string? Text(JObject query, string? field) => field is null ? null : (string?)query[field];

    private static long? Number(JObject query, string? field) => field is null ? null : (long?)query[field];

    private DateTimeOffset? ParseListTime(string? value) =>
        value is not null && DateTime.TryParseExact(value, _fields.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Ticks - _schema.TimeZoneOffset.Ticks >= DateTime.MinValue.Ticks
            && local.Ticks - _schema.TimeZoneOffset.Ticks <= DateTime.MaxValue.Ticks // the instant exists in UTC (year 1 to 9999)
            ? new DateTimeOffset(local, _schema.TimeZoneOffset)
            : null;

    /// <summary>Moves an instant, stopping at the ends of the calendar instead of throwing (list windows at year 1 or 9999).</summary>
    private static DateTimeOffset Shift(DateTimeOffset at, TimeSpan by) =>
        by > TimeSpan.Zero && at > DateTimeOffset.MaxValue - by ? DateTimeOffset.MaxValue
        : by < TimeSpan.Zero && at < DateTimeOffset.MinValue - by ? DateTimeOffset.MinValue
        : at + by;
}
