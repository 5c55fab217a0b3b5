using System.Text;
using CsCheck;

namespace DashScope.Reliability.Tests.Support;

/// <summary>What a fuzzed request aims at (it may still miss: a mutated path or method lands elsewhere).</summary>
public enum FuzzTarget
{
    Submit,
    Detect,
    Query,
    Cancel,
    List,
    Elsewhere,
}

/// <summary>One generated HTTP request. Placeholders (<c>{base}</c>, <c>{task}</c>) are resolved when it is sent.</summary>
/// <param name="Target">What it was generated from.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path below the server root (starting with '/') and query.</param>
/// <param name="Authorization">The Authorization header, or null for none.</param>
/// <param name="Async">The X-DashScope-Async header, or null for none.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Body">The body, or null for none.</param>
/// <param name="Chunked">Sent without Content-Length (chunked), so the size check cannot rely on the header.</param>
/// <param name="Mutation">How the body or request was mutated, for the report.</param>
/// <param name="ExpectedStatus">The exact status this request must get (size-boundary cases), or null for "an envelope or a valid success".</param>
public sealed record FuzzRequest(
    FuzzTarget Target,
    string Method,
    string PathAndQuery,
    string? Authorization,
    string? Async,
    string? ContentType,
    byte[]? Body,
    bool Chunked,
    string Mutation,
    int? ExpectedStatus)
{
    public override string ToString()
    {
        var body = Body is null ? "(none)" : Body.Length > 160 ? $"{Body.Length} bytes: {Encoding.UTF8.GetString(Body, 0, 160)}…" : Encoding.UTF8.GetString(Body);
        return $"{Method} {Shorten(PathAndQuery)} [{Mutation}] auth={Shorten(Authorization)} async={Shorten(Async)} type={Shorten(ContentType)} chunked={Chunked} body={body}";
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length > 120 ? text[..120] + $"…({text.Length} chars)" : text;
}

/// <summary>
/// CsCheck generators of requests to the emulator: valid requests of every endpoint, then mutated in their
/// body (wrong types, out-of-range values, deleted fields, huge strings, random JSON, non-JSON, empty), their
/// headers (missing or garbled Authorization, async header on, off or garbage, content types), their path
/// (unknown, percent-encoded, long), their method, and their size (up to and just over the body limit).
/// </summary>
public sealed class FuzzRequestGen(string apiKey, long maxBodyBytes, string baseUrl)
{
    public const string BasePlaceholder = "{base}";
    public const string TaskPlaceholder = "{task}";

    private const string SynthesisPath = "/api/v1/services/aigc/image2video/video-synthesis/";
    private const string DetectPath = "/api/v1/services/aigc/image2video/face-detect";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly Gen<char> PrintableAscii = Gen.Char[' ', '~'];

    private static readonly Gen<string> ShortText = PrintableAscii.Array[0, 24].Select(c => new string(c));

    /// <summary>Media URLs: the emulator's own samples, loopback URLs that fail, and URLs it must never fetch.</summary>
    private static readonly Gen<string> MediaUrl = Gen.OneOf(
        BasePlaceholder + "/__emulator/files/portrait.png",
        BasePlaceholder + "/__emulator/files/no-face.png",
        BasePlaceholder + "/__emulator/files/speech.wav",
        BasePlaceholder + "/__emulator/files/speech.mp3",
        BasePlaceholder + "/__emulator/files/result.mp4",
        BasePlaceholder + "/__emulator/files/missing.png",
        BasePlaceholder + "/__emulator/files/%2e%2e%2fportrait.png",
        BasePlaceholder + "/api/v1/tasks/",
        "http://127.0.0.1:1/portrait.png",
        "http://[::1]:1/speech.wav",
        "https://example.com/portrait.png",
        "oss://bucket/portrait.png",
        "ftp://127.0.0.1/portrait.png",
        "file:///etc/passwd",
        "http://",
        "not a url",
        "",
        "http://127.0.0.1:1/" + new string('a', 3000) + ".png");

    /// <summary>JSON values of every type, including ones a typed reader chokes on.</summary>
    private static readonly Gen<string> ScalarJson = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "0", "-1", "1.5", "-0", "1e309", "-1e309", "9999999999999999999999999", "0.30000000000000004",
            "1E2", "2147483648", "-2147483649", "\"\"", "\"normal\"", "\"NORMAL\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[[[[[[[[]]]]]]]]", "\"liveportrait\""),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0"),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ShortText.Select(Quote));

    private static readonly string[] SubmitFields =
        ["model", "input", "input.image_url", "input.audio_url", "parameters", "parameters.template_id", "parameters.eye_move_freq",
         "parameters.video_fps", "parameters.mouth_move_strength", "parameters.paste_back", "parameters.head_move_strength"];

    private static readonly string[] DetectFields = ["model", "input", "input.image_url", "parameters"];

    /// <summary>Numbers just outside (and just inside) each documented range.</summary>
    private static readonly Dictionary<string, string[]> Ranges = new()
    {
        ["parameters.eye_move_freq"] = ["-0.0001", "1.0001", "0", "1", "100"],
        ["parameters.video_fps"] = ["14", "31", "15", "30", "24.5", "-24", "1e3"],
        ["parameters.mouth_move_strength"] = ["-0.1", "1.5001", "0", "1.5"],
        ["parameters.head_move_strength"] = ["-1", "1.01", "0", "1"],
        ["parameters.template_id"] = ["\"calm\"", "\"active\"", "\"Normal\"", "\"wild\""],
        ["model"] = ["\"liveportrait-detect\"", "\"wanx-v1\"", "\"LIVEPORTRAIT\"", "\" liveportrait\""],
    };

    public Gen<FuzzRequest> Requests => Gen.Frequency(
        (6, Gen.OneOf(SubmitRequests, DetectRequests)),
        (2, TaskRequests),
        (1, Elsewhere),
        (1, SizeBoundary));

    private Gen<string?> Authorization => Gen.Frequency<string?>(
        (14, Gen.Const<string?>("Bearer " + apiKey)),
        (1, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>("Bearer", "Bearer ", "bearer " + apiKey, "Basic " + apiKey, "Bearer  " + apiKey + " ", "Bearer sk-not-registered", apiKey, "Bearer " + apiKey + "x")),
        (1, ShortText.Select(t => (string?)("Bearer " + t))),
        (1, Gen.Int[200, 4000].Select(n => (string?)("Bearer " + new string('k', n)))));

    private static Gen<string?> AsyncHeader(bool wanted) => Gen.Frequency<string?>(
        (12, Gen.Const<string?>(wanted ? "enable" : null)),
        (1, Gen.OneOf<string?>(null, "enable", "disable", "ENABLE", "", "true", "enable, enable")),
        (1, ShortText.Select(t => (string?)t)));

    private static readonly Gen<string?> ContentType = Gen.Frequency<string?>(
        (12, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>(null, "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/JSON", "application/json; charset=latin1", "*/*", "application/problem+json")),
        (1, ShortText.Where(t => t.Contains('/', StringComparison.Ordinal)).Select(t => (string?)t)));

    private Gen<FuzzRequest> SubmitRequests =>
        from method in MethodFor("POST")
        from path in PathFor(SynthesisPath, "/api/v1/services/aigc/image2video/video-synthesis")
        from auth in Authorization
        from asyncHeader in AsyncHeader(wanted: true)
        from type in ContentType
        from body in Body(ValidSubmit, SubmitFields)
        from chunked in Gen.Int[0, 9].Select(i => i == 0)
        select new FuzzRequest(FuzzTarget.Submit, method, path, auth, asyncHeader, type, Encoding.UTF8.GetBytes(body.Text), chunked, body.Mutation, null);

    private Gen<FuzzRequest> DetectRequests =>
        from method in MethodFor("POST")
        from path in PathFor(DetectPath, DetectPath + "/")
        from auth in Authorization
        from asyncHeader in AsyncHeader(wanted: false)
        from type in ContentType
        from body in Body(ValidDetect, DetectFields)
        from chunked in Gen.Int[0, 9].Select(i => i == 0)
        select new FuzzRequest(FuzzTarget.Detect, method, path, auth, asyncHeader, type, Encoding.UTF8.GetBytes(body.Text), chunked, body.Mutation, null);

    private Gen<FuzzRequest> TaskRequests =>
        from kind in Gen.OneOf(FuzzTarget.Query, FuzzTarget.Cancel, FuzzTarget.List)
        from id in TaskId
        from query in ListQuery
        from method in MethodFor(kind == FuzzTarget.Cancel ? "POST" : "GET")
        from auth in Authorization
        from asyncHeader in AsyncHeader(wanted: false)
        from body in Gen.Frequency<string?>((8, Gen.Const((string?)null)), (1, ScalarJson.Select(s => (string?)s)))
        select new FuzzRequest(
            kind,
            method,
            kind switch
            {
                FuzzTarget.Query => "/api/v1/tasks/" + id,
                FuzzTarget.Cancel => "/api/v1/tasks/" + id + "/cancel",
                _ => "/api/v1/tasks/" + query,
            },
            auth,
            asyncHeader,
            body is null ? null : "application/json",
            body is null ? null : Encoding.UTF8.GetBytes(body),
            false,
            kind + (body is null ? "" : " with a body"),
            null);

    private static Gen<string> TaskId => Gen.Frequency(
        (4, Gen.Const(TaskPlaceholder)),
        (2, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.OneOf("", "%20", "%2e%2e", "..", "a%2Fb", "%00", "%ff", "%E4%BD%A0%E5%A5%BD", "null", "-1", "%7B%7D", "x?y=1", "x#frag", "%252e")),
        (1, Gen.Int[1000, 3000].Select(n => new string('7', n))),
        (1, Gen.Char.AlphaNumeric.Array[1, 64].Select(c => new string(c))));

    private static Gen<string> ListQuery =>
        from n in Gen.Int[0, 4]
        from pairs in Gen.Select(
                Gen.OneOf("task_id", "start_time", "end_time", "model_name", "status", "page_no", "page_size", "bogus", "page_no", "page_size"),
                Gen.OneOf("1", "0", "-1", "10", "100", "2147483647", "2147483648", "99999999999999999999", "abc", "", "20251226113303", "20251227113304",
                    "19700101000000", "99991231235959", "20251326113303", "SUCCEEDED", "PENDING", "liveportrait", "%00", "%E4%BD%A0", "1.5", "1e3"),
                (name, value) => name + "=" + value)
            .Array[n]
        select pairs.Length == 0 ? "" : "?" + string.Join("&", pairs);

    private static Gen<FuzzRequest> Elsewhere =>
        from path in Gen.OneOf(
            Gen.OneOf("/", "/api", "/api/v1", "/api/v1/", "/api/v2/tasks/", "/API/V1/TASKS/", "/api/v1/Tasks/", "/api/v1//tasks/", "/api/v1/tasks/x/cancel/extra",
                "/api/v1/services/aigc/image2video/", "/api/v1/services/aigc/image2video/video%2Dsynthesis/", "/api/v1/services/aigc/image2video%2Fface-detect",
                "/api/v1/%2e%2e/%2e%2e/etc/passwd", "/api/v1/services/aigc/text2image/image-synthesis", "/api/v1/tasks/%2F", "/favicon.ico", "/api/v1/tasks/a/b/c",
                "/api/v1/services/aigc/image2video/video-synthesis/extra", "/api/v1/services/aigc/image2video/face-detect?x=1", "/%E4%BD%A0%E5%A5%BD"),
            Gen.Int[1000, 6000].Select(n => "/api/v1/" + new string('p', n)),
            Gen.Char.AlphaNumeric.Array[1, 40].Select(c => "/api/v1/services/" + new string(c)))
        from method in Gen.OneOf(Methods)
        from auth in Gen.OneOf<string?>(null, "Bearer sk-emulator-demo", "Bearer nope")
        select new FuzzRequest(FuzzTarget.Elsewhere, method, path, auth, null, null, null, false, "unknown path", null);

    /// <summary>A valid submit padded with spaces to the body limit and around it; the headers are all correct.</summary>
    private Gen<FuzzRequest> SizeBoundary =>
        from delta in Gen.OneOf(-1000L, -1L, 0L, 1L, 2L, 4096L)
        from chunked in Gen.Bool
        select BoundaryRequest(delta, chunked);

    private FuzzRequest BoundaryRequest(long delta, bool chunked)
    {
        var valid = ValidSubmit.Replace(BasePlaceholder, baseUrl, StringComparison.Ordinal);
        var size = maxBodyBytes + delta;
        var padded = valid[..^1] + new string(' ', (int)(size - Encoding.UTF8.GetByteCount(valid))) + "}";
        return new FuzzRequest(FuzzTarget.Submit, "POST", SynthesisPath, "Bearer " + apiKey, "enable", "application/json", Encoding.UTF8.GetBytes(padded), chunked,
            $"valid body of limit{(delta >= 0 ? "+" : "")}{delta} bytes", delta <= 0 ? 200 : 400);
    }

    private static string ValidSubmit =>
        $$$"""{"model":"liveportrait","input":{"image_url":"{{{BasePlaceholder}}}/__emulator/files/portrait.png","audio_url":"{{{BasePlaceholder}}}/__emulator/files/speech.wav"},"parameters":{"template_id":"normal","eye_move_freq":0.5,"video_fps":24,"mouth_move_strength":1,"paste_back":true,"head_move_strength":0.7}}""";

    private static string ValidDetect =>
        $$$"""{"model":"liveportrait-detect","input":{"image_url":"{{{BasePlaceholder}}}/__emulator/files/portrait.png"}}""";

    private static Gen<string> MethodFor(string right) => Gen.Frequency((9, Gen.Const(right)), (1, Gen.OneOf(Methods)));

    private static Gen<string> PathFor(string path, string alternate) => Gen.Frequency(
        (10, Gen.Const(path)),
        (2, Gen.Const(alternate)),
        (1, Gen.OneOf(path + "?x=1", path + "?model=liveportrait&input=", path.ToUpperInvariant(), path.Replace("/api/v1/", "/api/v1//", StringComparison.Ordinal),
            path.Replace("-", "%2D", StringComparison.Ordinal), path + "%20", path + "/..", path + ";jsessionid=1")));

    private Gen<(string Text, string Mutation)> Body(string valid, string[] fields) => Gen.Frequency(
        (3, Gen.Const((valid, "valid"))),
        (3, from field in Gen.OneOf(fields) from value in ScalarJson select (Replace(valid, field, value), $"{field} = {value}")),
        (2, from field in Gen.OneOf(Ranges.Keys.ToArray()) from value in Gen.Int[0, 100] select (Replace(valid, field, Ranges[field][value % Ranges[field].Length]), $"{field} range")),
        (2, from field in Gen.OneOf(fields) select (Delete(valid, field), $"delete {field}")),
        (2, from field in Gen.OneOf(fields) from url in MediaUrl select (Replace(valid, field, Quote(url)), $"{field} = url {Shorten(url)}")),
        (1, from field in Gen.OneOf(fields) from n in Gen.Int[1_000, 200_000] select (Replace(valid, field, Quote(new string('x', n))), $"{field} = {n} chars")),
        (1, from extra in ShortText select (valid[..^1] + ",\"" + Escape(extra) + "\":1}", "unknown member")),
        (1, from n in Gen.Int[1, 3] from json in RandomJson(n) select (json, "random JSON")),
        (1, from bytes in Gen.Byte.Array[0, 400] select (Encoding.UTF8.GetString(bytes), "random bytes")),
        (1, from cut in Gen.Int[0, valid.Length - 1] select (valid[..cut], "truncated")),
        (1, Gen.OneOf(("", "empty"), ("null", "null"), ("[]", "array"), ("\"text\"", "string"), ("{}", "empty object"), (valid + valid, "two objects"),
            ("\uFEFF" + valid, "BOM"), (valid.Replace("\"model\"", "\"model\":\"liveportrait\",\"model\"", StringComparison.Ordinal), "duplicate member"),
            ("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}", "deep nesting"), ("<xml/>", "XML"), ("model=liveportrait", "form"))));

    private static Gen<string> RandomJson(int depth) => depth <= 0
        ? ScalarJson
        : Gen.Frequency(
            (2, ScalarJson),
            (1, RandomJson(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Gen.OneOf("model", "input", "image_url", "audio_url", "parameters", "x", ""), RandomJson(depth - 1), (k, v) => Quote(k) + ":" + v)
                .Array[0, 4].Select(members => "{" + string.Join(",", members) + "}")));

    /// <summary>Replaces the value at a dotted path with raw JSON text, or inserts it if absent.</summary>
    private static string Replace(string json, string field, string rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var parts = field.Split('.');
        var parent = node;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not System.Text.Json.Nodes.JsonObject child)
            {
                child = new System.Text.Json.Nodes.JsonObject();
                parent[part] = child;
            }

            parent = child;
        }

        parent[parts[^1]] = "__RAW__";
        return node.ToJsonString().Replace("\"__RAW__\"", rawValue, StringComparison.Ordinal);
    }

    private static string Delete(string json, string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var parts = field.Split('.');
        var parent = node;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not System.Text.Json.Nodes.JsonObject child)
            {
                return node.ToJsonString();
            }

            parent = child;
        }

        parent.Remove(parts[^1]);
        return node.ToJsonString();
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
