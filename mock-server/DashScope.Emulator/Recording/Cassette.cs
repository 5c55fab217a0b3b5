using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DashScope.Emulator.Recording;

/// <summary>
/// A recorded session with an upstream DashScope service, as a recording proxy writes it: every exchange that is not a
/// poll of a recorded task, and one timeline per task instead of its polls. Human-readable JSON (see
/// <see cref="CassetteFile"/>); no API key and no link signature is ever kept.
/// </summary>
public sealed class Cassette
{
    /// <summary>The value of <see cref="Format"/> in every cassette.</summary>
    public const string FormatName = "dashscope-cassette";

    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>; a file without it is not a cassette.</summary>
    [JsonPropertyName("format")]
    [JsonRequired]
    public string Format { get; init; } = FormatName;

    /// <summary>The format version the file was written in.</summary>
    [JsonPropertyName("version")]
    [JsonRequired]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>When the recording started (UTC).</summary>
    [JsonPropertyName("recordedAt")]
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The upstream base URL the proxy forwarded to.</summary>
    [JsonPropertyName("upstream")]
    public string? Upstream { get; init; }

    /// <summary>What was removed before anything was written, for the reader's peace of mind.</summary>
    [JsonPropertyName("scrubbed")]
    public IReadOnlyList<string> Scrubbed { get; init; } = [];

    /// <summary>The exchanges in the order they were answered, polls of recorded tasks excepted.</summary>
    [JsonPropertyName("exchanges")]
    [JsonRequired]
    public IReadOnlyList<CassetteExchange> Exchanges { get; init; } = [];

    /// <summary>One entry per task a recorded submit created, with the statuses its polls saw.</summary>
    [JsonPropertyName("tasks")]
    public IReadOnlyList<CassetteTask> Tasks { get; init; } = [];

    /// <summary>The exchange with the given <see cref="CassetteExchange.Id"/>, or null.</summary>
    /// <param name="id">The exchange id.</param>
    public CassetteExchange? Exchange(int id) => Exchanges.FirstOrDefault(e => e.Id == id);

    /// <summary>The task the exchange with the given id submitted, or null.</summary>
    /// <param name="exchangeId">The submitting exchange's id.</param>
    public CassetteTask? TaskSubmittedBy(int exchangeId) => Tasks.FirstOrDefault(t => t.SubmittedBy == exchangeId);
}

/// <summary>One request and the answer the upstream gave it.</summary>
public sealed class CassetteExchange
{
    /// <summary>Position in the recording, from 1.</summary>
    [JsonPropertyName("id")]
    [JsonRequired]
    public int Id { get; init; }

    /// <summary>Seconds from the start of the recording to the request.</summary>
    [JsonPropertyName("at")]
    public double At { get; init; }

    /// <summary>What was sent.</summary>
    [JsonPropertyName("request")]
    [JsonRequired]
    public CassetteRequest Request { get; init; } = null!;

    /// <summary>What came back.</summary>
    [JsonPropertyName("response")]
    [JsonRequired]
    public CassetteResponse Response { get; init; } = null!;
}

/// <summary>A recorded request, without its credentials.</summary>
public sealed class CassetteRequest
{
    /// <summary>HTTP method, upper case.</summary>
    [JsonPropertyName("method")]
    [JsonRequired]
    public string Method { get; init; } = "";

    /// <summary>Path from the server root, e.g. <c>/api/v1/tasks/…</c>; a storage form post is recorded under <see cref="StoragePath"/>.</summary>
    [JsonPropertyName("path")]
    [JsonRequired]
    public string Path { get; init; } = "";

    /// <summary>The query string without its <c>?</c>, or null.</summary>
    [JsonPropertyName("query")]
    public string? Query { get; init; }

    /// <summary>The authorization scheme that was sent (<c>Bearer</c>), never its value; null when none was sent.</summary>
    [JsonPropertyName("authorization")]
    public string? Authorization { get; init; }

    /// <summary>The headers that shape DashScope's answer (<c>Content-Type</c> and <c>X-DashScope-*</c>).</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The JSON body, or null.</summary>
    [JsonPropertyName("body")]
    public JsonNode? Body { get; init; }

    /// <summary>A body that is not JSON, as text, or null.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>A multipart form's fields in order (a storage upload), or null.</summary>
    [JsonPropertyName("form")]
    public IReadOnlyList<CassetteFormField>? Form { get; init; }

    /// <summary>The path under which the proxy records a form post to the temporary storage.</summary>
    public const string StoragePath = "/__storage";
}

/// <summary>One field of a recorded form: a value, or a file described by its size and hash (its bytes are not kept).</summary>
public sealed class CassetteFormField
{
    /// <summary>The field name.</summary>
    [JsonPropertyName("name")]
    [JsonRequired]
    public string Name { get; init; } = "";

    /// <summary>The value of a plain field (scrubbed for signatures and keys).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>The file's name, for a file field.</summary>
    [JsonPropertyName("fileName")]
    public string? FileName { get; init; }

    /// <summary>The file's length in bytes, for a file field.</summary>
    [JsonPropertyName("length")]
    public long? Length { get; init; }

    /// <summary>The file's SHA-256 (hex), for a file field.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }
}

/// <summary>A recorded answer.</summary>
public sealed class CassetteResponse
{
    /// <summary>HTTP status.</summary>
    [JsonPropertyName("status")]
    [JsonRequired]
    public int Status { get; init; }

    /// <summary>The headers worth replaying (<c>Content-Type</c>, <c>Retry-After</c>, <c>X-DashScope-*</c>).</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The JSON body, or null.</summary>
    [JsonPropertyName("body")]
    public JsonNode? Body { get; init; }

    /// <summary>A body that is not JSON (the storage's XML errors), as text, or null.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }
}

/// <summary>A task that a recorded submit created, and what its polls saw.</summary>
public sealed class CassetteTask
{
    /// <summary>The task id the upstream gave.</summary>
    [JsonPropertyName("taskId")]
    [JsonRequired]
    public string TaskId { get; init; } = "";

    /// <summary>The <see cref="CassetteExchange.Id"/> of the submit.</summary>
    [JsonPropertyName("submittedBy")]
    [JsonRequired]
    public int SubmittedBy { get; init; }

    /// <summary>Each status the polls saw, in order; identical consecutive polls are one entry.</summary>
    [JsonPropertyName("timeline")]
    [JsonRequired]
    public IReadOnlyList<CassetteTimelineEntry> Timeline { get; init; } = [];
}

/// <summary>One status of a task's timeline: when polls first and last saw it, and the first answer that carried it.</summary>
public sealed class CassetteTimelineEntry
{
    /// <summary>The task status, e.g. <c>RUNNING</c>.</summary>
    [JsonPropertyName("status")]
    [JsonRequired]
    public string Status { get; init; } = "";

    /// <summary>Seconds from the submit to the first poll that saw this status.</summary>
    [JsonPropertyName("firstSeen")]
    public double FirstSeen { get; init; }

    /// <summary>Seconds from the submit to the last poll that saw this status.</summary>
    [JsonPropertyName("lastSeen")]
    public double LastSeen { get; init; }

    /// <summary>How many polls saw it.</summary>
    [JsonPropertyName("polls")]
    public int Polls { get; init; }

    /// <summary>The first answer that carried this status.</summary>
    [JsonPropertyName("response")]
    [JsonRequired]
    public CassetteResponse Response { get; init; } = null!;
}
