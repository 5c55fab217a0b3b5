namespace DashScope.Emulator.Host;

/// <summary>Turns an exception from the emulator's start into one readable line.</summary>
internal static class StartFailure
{
    /// <summary>
    /// The message and those of its causes that say something new. Kestrel and WireMock wrap a bind failure
    /// three times, each wrapper quoting the cause, so a cause already quoted by an outer message is left out.
    /// </summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        foreach (var cause in Chain(e))
        {
            var text = cause.Message.Trim().TrimEnd('.');
            if (text.Length > 0 && !parts.Any(p => p.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                parts.Add(text);
            }
        }

        return string.Join(": ", parts) + ".";
    }

    /// <summary>True when the address itself was refused: not an IP address, or not loopback without AllowRemote.</summary>
    public static bool IsAboutTheAddress(Exception e) =>
        e is ArgumentException || e.Message.Contains("non-loopback", StringComparison.Ordinal);

    // An aggregate's own message only says that errors occurred; its first error is the one to follow.
    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? cause = e; cause is not null;)
        {
            if (cause is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                cause = aggregate.InnerExceptions[0];
                continue;
            }

            yield return cause;
            cause = cause.InnerException;
        }
    }
}
