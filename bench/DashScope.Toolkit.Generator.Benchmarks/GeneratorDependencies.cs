using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// Lets the in-process generator find the description library. The generator references it privately (it
/// ships beside the generator as an analyzer dependency), and BenchmarkDotNet's own build of this project
/// copies the file but leaves it out of the runner's deps.json, so the default load context would not look.
/// </summary>
internal static class GeneratorDependencies
{
    [ModuleInitializer]
    internal static void FindBesideTheBenchmark() =>
        AssemblyLoadContext.Default.Resolving += static (context, name) =>
        {
            var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return name.Name == "DashScope.Toolkit.Description" && File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
}
