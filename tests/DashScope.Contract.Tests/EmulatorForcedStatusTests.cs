using System.Net.Http.Headers;
using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;
using DashScope.Emulator.Tasks;

namespace DashScope.Contract.Tests;

/// <summary>
/// Statuses the emulator only reaches when a test forces them (a RUNNING task cancelled, a PENDING one
/// forced to SUCCEEDED...) still answer within the schema, in the task query and in the list.
/// Emulator-only: the real service cannot be steered like this.
/// </summary>
public sealed class EmulatorForcedStatusTests(EmulatorTarget target) : IClassFixture<EmulatorTarget>
{
    public static TheoryData<EmulatedTaskStatus, EmulatedTaskStatus> Moves => new()
    {
        { EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running },
        { EmulatedTaskStatus.Pending, EmulatedTaskStatus.Succeeded },
        { EmulatedTaskStatus.Pending, EmulatedTaskStatus.Failed },
        { EmulatedTaskStatus.Pending, EmulatedTaskStatus.Canceled },
        { EmulatedTaskStatus.Running, EmulatedTaskStatus.Succeeded },
        { EmulatedTaskStatus.Running, EmulatedTaskStatus.Failed },
        { EmulatedTaskStatus.Running, EmulatedTaskStatus.Canceled },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task A_forced_status_answers_within_the_schema(EmulatedTaskStatus from, EmulatedTaskStatus to)
    {
        var key = target.OpenSession();
        var log = new AnswerLog();
        using var http = new HttpClient(new SchemaValidatingHandler(ContractSchema.Repository, target.ApiRoot, log, rejectUndeclared: true)
        {
            InnerHandler = target.CreateTransport(),
        });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var submit = new HttpRequestMessage(HttpMethod.Post, target.ApiRoot + "/services/aigc/image2video/video-synthesis/")
        {
            Content = new StringContent($$$"""{"model":"liveportrait","input":{"image_url":"{{{target.PortraitUrl}}}","audio_url":"{{{target.SpeechUrl}}}"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        submit.Headers.Add("X-DashScope-Async", "enable");
        using var submitted = await http.SendAsync(submit);
        using var answer = System.Text.Json.JsonDocument.Parse(await submitted.Content.ReadAsStringAsync());
        var id = answer.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
        if (from == EmulatedTaskStatus.Running)
        {
            target.Emulator.ForceStatus(id, EmulatedTaskStatus.Running);
        }

        target.Emulator.ForceStatus(id, to);
        using var query = await http.GetAsync(target.ApiRoot + "/tasks/" + id);
        using var list = await http.GetAsync(target.ApiRoot + "/tasks/?task_id=" + id);

        Assert.Contains(to.ToWireName(), log.Answers[1].Body, StringComparison.Ordinal);
        Assert.Equal(3, log.Answers.Count);
        log.AssertAllValid();
    }
}
