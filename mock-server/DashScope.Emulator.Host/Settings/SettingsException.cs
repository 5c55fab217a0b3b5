namespace DashScope.Emulator.Host.Settings;

/// <summary>A source of settings cannot be read at all (a missing or malformed settings file); the message names it.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SettingsException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public SettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
