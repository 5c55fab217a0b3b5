namespace DashScope.Toolkit.Description;

/// <summary>The service as <c>x-dashscope-service</c> states it.</summary>
/// <param name="Name">The service's name (the generator names its types from it).</param>
/// <param name="Namespace">The namespace the schema asks for, if any.</param>
/// <param name="ClientName">The client class name the schema asks for, if any.</param>
/// <param name="BaseUrl">The absolute http(s) API root, without a trailing slash.</param>
/// <param name="BasePath">The path of <paramref name="BaseUrl"/>, without a trailing slash (e.g. <c>/api/v1</c>; empty for a root URL).</param>
/// <param name="Region">The region, for documentation.</param>
/// <param name="ApiKeyEnvironmentVariable">Where clients read the API key from.</param>
/// <param name="BaseUrlEnvironmentVariable">Where clients read another API root from; null when the schema turns it off.</param>
/// <param name="ErrorModel">The definition name of the error envelope, if the schema names one.</param>
public sealed record ServiceDescription(
    string Name,
    string? Namespace,
    string? ClientName,
    string BaseUrl,
    string BasePath,
    string? Region,
    string ApiKeyEnvironmentVariable,
    string? BaseUrlEnvironmentVariable,
    string? ErrorModel)
{
    /// <summary>The key variable clients use when the schema names none.</summary>
    public const string DefaultApiKeyEnvironmentVariable = "DASHSCOPE_API_KEY";

    /// <summary>The base URL variable clients use when the schema names none (and does not turn it off with null).</summary>
    public const string DefaultBaseUrlEnvironmentVariable = "DASHSCOPE_HTTP_BASE_URL";
}
