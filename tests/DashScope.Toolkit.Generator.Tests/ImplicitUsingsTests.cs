using Xunit;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// Generated names stay usable in a project with the SDK's implicit usings: the status type does not take the
/// name of System.Threading.Tasks.TaskStatus, and the client's interface can be named and implemented.
/// </summary>
public sealed class ImplicitUsingsTests
{
    private const string Consumer = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using DashScope.LivePortrait;

        namespace Consumer;

        internal static class UsesBoth
        {
            public static bool Compare(Task work, VideoSynthesisTask answer)
            {
                TaskStatus local = work.Status;
                LivePortraitTaskStatus remote = answer.Output.TaskStatus;
                return local == TaskStatus.RanToCompletion && remote == LivePortraitTaskStatus.Succeeded;
            }

            public static Task<VideoSynthesisTask> Run(ILivePortraitClient client, VideoSynthesisRequest request) => client.GenerateAsync(request);

            public static async Task<int> CountAll(ILivePortraitClient client)
            {
                var count = 0;
                await foreach (TaskListItem _ in client.ListAllTasksAsync(new TaskListQuery { PageSize = 50 })) { count++; }
                return count;
            }
        }
        """;

    [Fact]
    public async Task A_project_with_implicit_usings_names_the_status_type_and_the_interface_without_ambiguity()
    {
        var test = new GeneratorTest().WithSchema("/Schemas/liveportrait.schema.json", TestPaths.Schema("liveportrait.schema.json")).IgnoringGeneratedSources();
        test.TestState.Sources.Add(("/UsesBoth.cs", Consumer));
        await test.RunAsync();
    }
}
