using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>
/// Writes AddXxxClient: the typed HttpClient, its interface, options from code or configuration, validated when
/// the application starts, and a TimeProvider registered in the container taken when the options name none.
/// </summary>
internal static class DependencyInjectionEmitter
{
    private const string Di = "global::Microsoft.Extensions.DependencyInjection";
    private const string Http = ClientEmitter.Http;

    public static void Emit(SourceWriter w, ServiceModel model)
    {
        var options = model.OptionsName;
        var client = model.ClientName;
        w.Line("/// <summary>");
        w.Line($"/// Registers <see cref=\"{client}\"/> and <see cref=\"{model.InterfaceName}\"/> with IHttpClientFactory.");
        w.Line("/// </summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public static class {model.ServiceCollectionExtensionsName}");

        w.Line($"/// <summary>Adds <see cref=\"{client}\"/> as a typed HttpClient, configured by <paramref name=\"configure\"/>; its options are checked when the application starts.</summary>");
        w.Line("/// <returns>The HttpClient builder, to add a primary handler or resilience the standard way.</returns>");
        w.Open($"public static {Di}.IHttpClientBuilder Add{client}(this {Di}.IServiceCollection services, global::System.Action<{options}>? configure = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line($"var options = {Di}.OptionsServiceCollectionExtensions.AddOptions<{options}>(services);");
        w.Line("if (configure is not null) { options.Configure(configure); }");
        w.Line("// A clock registered in the container (a FakeTimeProvider in tests) is used unless the options name one.");
        w.Line("options.PostConfigure<global::System.IServiceProvider>(static (o, provider) =>");
        w.Line("{");
        w.Line($"    if (ReferenceEquals(o.TimeProvider, global::System.TimeProvider.System) && {Di}.ServiceProviderServiceExtensions.GetService<global::System.TimeProvider>(provider) is {{ }} time) {{ o.TimeProvider = time; }}");
        w.Line("});");
        w.Line($"{Di}.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(services, {Di}.ServiceDescriptor.Singleton<global::Microsoft.Extensions.Options.IValidateOptions<{options}>>(new {TypeNames.Toolkit}.DashScopeClientOptionsValidator<{options}>({client}.Service)));");
        w.Line($"{Di}.OptionsBuilderExtensions.ValidateOnStart(options);");
        w.Line($"var builder = {Di}.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, {SourceWriter.Literal(model.Namespace + "." + client)});");
        w.Line($"{Di}.HttpClientBuilderExtensions.AddTypedClient<{client}>(builder, static ({Http}.HttpClient httpClient, global::System.IServiceProvider provider) => new {client}(");
        w.Line("    httpClient,");
        w.Line($"    {Di}.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Options.IOptions<{options}>>(provider).Value,");
        w.Line($"    {Di}.ServiceProviderServiceExtensions.GetService<global::Microsoft.Extensions.Logging.ILogger<{client}>>(provider)));");
        w.Line("// The interface resolves to the typed client, so code that takes it gets the same configured HttpClient.");
        w.Line($"{Di}.ServiceCollectionServiceExtensions.AddTransient<{model.InterfaceName}>(services, static provider => {Di}.ServiceProviderServiceExtensions.GetRequiredService<{client}>(provider));");
        w.Line("return builder;");
        w.Close();
        w.Line();

        w.Line($"/// <summary>Adds <see cref=\"{client}\"/> with options read from <paramref name=\"configuration\"/> (ApiKey, BaseAddress, WorkspaceId, MaxSubmitRetriesOnThrottling, Wait:*), then <paramref name=\"configure\"/>.</summary>");
        w.Line("/// <param name=\"services\">The service collection.</param>");
        w.Line("/// <param name=\"configuration\">The client's section, e.g. <c>configuration.GetSection(\"DashScope\")</c>.</param>");
        w.Line("/// <param name=\"configure\">Adjusts the options after the configuration is read.</param>");
        w.Line("/// <returns>The HttpClient builder.</returns>");
        w.Open($"public static {Di}.IHttpClientBuilder Add{client}(this {Di}.IServiceCollection services, global::Microsoft.Extensions.Configuration.IConfiguration configuration, global::System.Action<{options}>? configure = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(configuration);");
        w.Line($"{Di}.OptionsServiceCollectionExtensions.AddOptions<{options}>(services).Configure(o => {TypeNames.Toolkit}.DashScopeClientOptionsBinding.Bind(o, configuration));");
        w.Line($"return Add{client}(services, configure);");
        w.Close();
        w.Close();
    }
}
