namespace DashScope.Emulator;

/// <summary>The DashScope endpoints the emulator answers; faults, rate limits and the journal are keyed by these.</summary>
public enum EmulatorEndpoint
{
    /// <summary><c>POST /services/aigc/image2video/face-detect</c> (liveportrait-detect, synchronous).</summary>
    DetectFace,

    /// <summary><c>POST /services/aigc/image2video/video-synthesis/</c> (liveportrait, asynchronous submit).</summary>
    VideoSynthesis,

    /// <summary><c>GET /tasks/{task_id}</c>.</summary>
    QueryTask,

    /// <summary><c>POST /tasks/{task_id}/cancel</c>.</summary>
    CancelTask,

    /// <summary><c>GET /tasks/</c>.</summary>
    ListTasks,
}
