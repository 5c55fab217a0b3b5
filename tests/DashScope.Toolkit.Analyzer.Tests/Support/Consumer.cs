namespace DashScope.Toolkit.Analyzer.Tests.Support;

/// <summary>Wraps statements into a consumer file, so a test writes only the lines it is about.</summary>
internal static class Consumer
{
    /// <summary>A file that uses the generated namespaces and runs <paramref name="statements"/> in a method.</summary>
    public static string Statements(string statements, string members = "") => $$"""
        using System;
        using DashScope.LivePortrait;

        namespace Consumer;

        internal static class Program
        {
        {{members}}
            internal static object Run(string[] args)
            {
                {{statements}}
                return args;
            }
        }
        """;
}
