namespace DashScope.Contract.Tests.Targets;

/// <summary>
/// What the contract suite runs against: where the API is, which key to use, where its media live and
/// how time passes. The scenarios know nothing else about the target.
/// </summary>
public interface IContractTarget
{
    /// <summary>A name for messages: "emulator" or "DashScope".</summary>
    string Name { get; }

    /// <summary>The API root, e.g. <c>https://dashscope.aliyuncs.com/api/v1</c>.</summary>
    Uri ApiRoot { get; }

    /// <summary>True when time can be moved by the test (a fake clock); false for the real service.</summary>
    bool CanAdvanceClock { get; }

    /// <summary>
    /// Also fail on answer fields the schema does not declare. On for the emulator (it must not invent
    /// fields); off for the service, which may add fields without breaking anyone.
    /// </summary>
    bool RejectUndeclaredFields { get; }

    /// <summary>How far apart polls are, and how much time a task gets to end.</summary>
    TimeSpan PollInterval { get; }

    /// <inheritdoc cref="PollInterval"/>
    TimeSpan TaskBudget { get; }

    /// <summary>A portrait with one face (passes face-detect, synthesis succeeds).</summary>
    Uri PortraitUrl { get; }

    /// <summary>An image without a face (face-detect says no; synthesis fails with InvalidImage.NoHumanFace).</summary>
    Uri NoFaceImageUrl { get; }

    /// <summary>A speech track between 1 s and 3 min.</summary>
    Uri SpeechUrl { get; }

    /// <summary>A key for one test. The emulator gives each test its own account, so queues and limits do not mix.</summary>
    string OpenSession();

    /// <summary>Lets time pass: moves a fake clock, or waits on the real one.</summary>
    Task PassTimeAsync(TimeSpan time);

    /// <summary>The HTTP stack to the target (the schema validator goes in front of it).</summary>
    HttpMessageHandler CreateTransport();
}
