namespace DashScope.Emulator;

/// <summary>
/// How the emulator answers a request naming a model it does not serve. The public material does not
/// say which the service sends; the default follows the schema's <c>modelNotFound</c> entry.
/// </summary>
public enum UnknownModelBehavior
{
    /// <summary>HTTP 400 <c>InvalidParameter</c> "Model not exist." (the schema's entry; the default).</summary>
    InvalidParameter400,

    /// <summary>HTTP 404 <c>ModelNotFound</c> with the same message.</summary>
    ModelNotFound404,
}
