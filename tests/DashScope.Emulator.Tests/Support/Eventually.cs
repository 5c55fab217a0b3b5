namespace DashScope.Emulator.Tests.Support;

/// <summary>
/// Waits for something a server thread does (a request reaching a delay, a journal entry written after the client
/// left), and fails rather than carrying on if it never happens. The wait is a safety limit, not part of what is tested.
/// </summary>
internal static class Eventually
{
    public static async Task Until(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), $"The emulator never got there: {what}.");
    }
}
