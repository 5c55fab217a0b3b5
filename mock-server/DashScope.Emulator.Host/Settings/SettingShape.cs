namespace DashScope.Emulator.Host.Settings;

/// <summary>How a setting is written: one value, an on/off switch, or a list.</summary>
internal enum SettingShape
{
    /// <summary>One value: <c>--port 8080</c>, <c>"Port": 8080</c>.</summary>
    Value,

    /// <summary>A switch: <c>--fake-clock</c> (or <c>--fake-clock false</c>), <c>"FakeClock": true</c>.</summary>
    Flag,

    /// <summary>A list: a repeated option, a JSON array, or one value with items separated by <c>;</c>.</summary>
    List,
}
