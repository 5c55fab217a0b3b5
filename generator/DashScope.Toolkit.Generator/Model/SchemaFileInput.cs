namespace DashScope.Toolkit.Generator.Model;

/// <summary>One schema file as the pipeline sees it: its text and the per-file settings.</summary>
/// <param name="Path">The file's path, for diagnostics and hint names.</param>
/// <param name="Text">The file's text (null when it could not be read).</param>
/// <param name="NamespaceOverride">The item's DashScopeNamespace metadata.</param>
/// <param name="ClientNameOverride">The item's DashScopeClientName metadata.</param>
/// <param name="RootNamespace">The project's RootNamespace.</param>
/// <param name="GenerateClient">
/// False when the project references the client already compiled from this schema (the package's precompiled
/// LivePortrait client): the file is still read, checked and used for the compile-time request checks, but no source
/// is generated from it.
/// </param>
internal sealed record SchemaFileInput(string Path, string? Text, string? NamespaceOverride, string? ClientNameOverride, string? RootNamespace, bool GenerateClient = true);
