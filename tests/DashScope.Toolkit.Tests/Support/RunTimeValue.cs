namespace DashScope.Toolkit.Tests.Support;

/// <summary>
/// Hands a value through a call, so the compiler does not see it as a constant. Tests of the run-time validation
/// build invalid requests on purpose; written as constants, the request analyzer would stop them at compile time
/// (DSG009 to DSG016).
/// </summary>
internal static class RunTimeValue
{
    public static T Of<T>(T value) => value;
}
