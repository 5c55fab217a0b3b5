namespace DashScope.Emulator.Schema;

/// <summary>
/// One error as DashScope reports it: the HTTP status of a synchronous answer, the stable
/// <paramref name="Code"/> clients compare, and the human <paramref name="Message"/>.
/// </summary>
/// <param name="Status">HTTP status of a synchronous answer; 200 for errors carried by a FAILED task.</param>
/// <param name="Code">DashScope's error code, e.g. <c>InvalidParamter.OutOfDefinition</c> (sic).</param>
/// <param name="Message">DashScope's message for the code.</param>
public sealed record DashScopeError(int Status, string Code, string Message)
{
    /// <summary>Returns the error with <c>{parameter}</c> in its message replaced by <paramref name="parameter"/>.</summary>
    public DashScopeError NamingParameter(string parameter) =>
        this with { Message = Message.Replace("{parameter}", parameter, StringComparison.Ordinal) };
}
