using System.Net;
using System.Net.Http.Headers;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Validation;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DashScope.Emulator.Tests.Validation;

/// <summary>
/// The header checks compiled from the description against their oracle, NJsonSchema on the same header model: every
/// combination of present, missing, valid and invalid headers gets the same answer from both, for each operation whose
/// headers the description spells out. And answering requests does not make NJsonSchema read the schema.
/// </summary>
public sealed class HeaderCheckAgreementTests(ITestOutputHelper output)
{
    // For each header a schema names: absent, valid, and the ways it can be wrong (case, pattern, empty, enum).
    private static readonly Dictionary<string, string?[]> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Authorization"] = [null, "Bearer sk-test", "Bearer", "Bearer  ", "bearer sk-test", "Token sk-test", ""],
        ["Content-Type"] = [null, "application/json", "application/json; charset=utf-8", "application/jsonx", "text/plain", ""],
        ["X-DashScope-Async"] = [null, "enable", "Enable", "disable", ""],
        ["X-DashScope-OssResourceResolve"] = [null, "enable", "no"],
        ["X-DashScope-WorkSpace"] = [null, "ws-1", ""],
    };

    public static TheoryData<string, MissingAsyncHeaderAnswer> Schemas() => new()
    {
        { "liveportrait", MissingAsyncHeaderAnswer.AccessDenied403 },
        { "liveportrait", MissingAsyncHeaderAnswer.InvalidParameter400 },
        { "two-tasks", MissingAsyncHeaderAnswer.AccessDenied403 },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryHeaderCombinationGetsTheSameAnswerFromBoth(string schemaName, MissingAsyncHeaderAnswer missingAsync)
    {
        var schema = LivePortraitSchema.LoadFile(schemaName == "liveportrait" ? SchemaFiles.LivePortrait : SchemaFiles.TwoTasks);
        var validator = new RequestHeaderValidator(schema, missingAsync);
        var known = validator.KnownHeaders;
        Assert.All(known, name => Assert.True(Samples.ContainsKey(name), $"no samples for the header {name}"));
        var compiledOperations = 0;
        var compared = 0;
        var refusals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in schema.Operations.Values)
        {
            if (validator.CompiledFor(operation) is not { } compiled) { continue; }
            compiledOperations++;
            foreach (var values in Combinations(known))
            {
                var expected = validator.SchemaVerdict(operation, values);
                var actual = validator.CompiledVerdict(compiled, values);
                Assert.True(Equals(expected, actual), $"{operation.Name} with [{string.Join(", ", values.Select((v, i) => known[i] + "=" + (v ?? "(none)")))}]: NJsonSchema {Describe(expected)}, compiled {Describe(actual)}");
                refusals.Add(Describe(actual));
                compared++;
            }
        }

        // The shipped schemas compile every operation but the synchronous ones (their "not" rule stays with NJsonSchema).
        Assert.Equal(schema.Operations.Values.Count(o => o.Kind != DashScope.Toolkit.Description.OperationKind.Sync), compiledOperations);
        output.WriteLine($"{schemaName}, {missingAsync}: {compared} combinations on {compiledOperations} operations, answers met: {refusals.Count}");
        Assert.True(compared > 1000, $"only {compared} combinations compared");
        // Every kind of answer was met: none, 401 missing, 401 invalid, the async header's, and a 400.
        Assert.True(refusals.Count >= 5, "answers met: " + string.Join(" | ", refusals));
    }

    [Fact]
    public async Task AnsweringSubmitsPollsAndRefusalsDoesNotMakeNJsonSchemaReadTheSchema()
    {
        using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = new FakeTimeProvider());
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl.AbsoluteUri.TrimEnd('/') + "/") };
        var key = EmulatorOptions.DefaultDemoApiKey;

        var anonymous = await http.GetAsync("tasks/t-1");
        using var submit = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/")
        {
            Content = new StringContent($$$"""{"model":"liveportrait","input":{"image_url":"{{{emulator.SampleUrl(Media.SampleMediaFile.Portrait)}}}","audio_url":"{{{emulator.SampleUrl(Media.SampleMediaFile.SpeechWav)}}}"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        submit.Headers.Add("X-DashScope-Async", "enable");
        var submitted = await http.SendAsync(submit);
        using var poll = new HttpRequestMessage(HttpMethod.Get, "tasks/t-1");
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var polled = await http.SendAsync(poll);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        Assert.All(emulator.Schema.Operations.Values, o => Assert.False(o.AnyDefinitionRead, o.Name + "'s definitions were read by NJsonSchema"));
    }

    private static IEnumerable<string?[]> Combinations(IReadOnlyList<string> known)
    {
        IEnumerable<string?[]> all = [new string?[known.Count]];
        for (var i = 0; i < known.Count; i++)
        {
            var index = i;
            all = all.SelectMany(prefix => Samples[known[index]].Select(value =>
            {
                var next = (string?[])prefix.Clone();
                next[index] = value;
                return next;
            }));
        }

        return all;
    }

    private static string Describe(DashScope.Emulator.Schema.DashScopeError? error) => error is null ? "no error" : $"{error.Status} {error.Code}: {error.Message}";
}
