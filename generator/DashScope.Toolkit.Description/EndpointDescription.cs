using System;
using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// Everything a schema says about one DashScope endpoint, read once: immutable, compared by value, and free of
/// source positions (two texts that differ only in whitespace or in the order of definitions give equal
/// descriptions). Positions live in <see cref="DescriptionDiagnostic"/> and <see cref="SchemaDocument"/>.
/// </summary>
/// <param name="SchemaFileName">The schema's file name (without folders), for messages.</param>
/// <param name="Title">The schema's title.</param>
/// <param name="Summary">The schema's root description.</param>
/// <param name="Service">The service's facts.</param>
/// <param name="Operations">Every operation: the synchronous and asynchronous ones in schema order, then the task query, cancel and list.</param>
/// <param name="Tasks">The task protocol, when the schema has an asynchronous operation.</param>
/// <param name="Models">Every object and enum an operation reaches, in the order the operations reach them (nested models before their owners), header models last (so a model a body shares stays a body model).</param>
/// <param name="Errors">The entries of <c>x-dashscope-errors</c>, in schema order.</param>
/// <param name="TaskErrors">The entries of <c>x-dashscope-task-errors</c>, in schema order.</param>
public sealed record EndpointDescription(
    string SchemaFileName,
    string? Title,
    string? Summary,
    ServiceDescription Service,
    EquatableArray<OperationDescription> Operations,
    TaskProtocolDescription? Tasks,
    EquatableArray<ModelDescription> Models,
    EquatableArray<ErrorEntry> Errors,
    EquatableArray<ErrorEntry> TaskErrors)
{
    /// <summary>The temporary upload storage (<c>x-dashscope-uploads</c>), or null when the schema does not describe one.</summary>
    /// <remarks>An init property, not a positional one, so code that builds a description without uploads stays as it is.</remarks>
    public UploadsDescription? Uploads { get; init; }

    /// <summary>The operation with schema key <paramref name="key"/> (<c>VideoSynthesis</c>, <c>query</c>...).</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="SchemaDescriptionException">The schema has no such operation (the message lists the keys it has).</exception>
    public OperationDescription Operation(string key) =>
        Operations.FirstOrDefault(o => o.Key == key)
        ?? throw Missing($"has no operation '{key}'; its operations are {string.Join(", ", Operations.Select(o => o.Key))}");

    /// <summary>The operations of one kind, in order.</summary>
    /// <param name="kind">The kind.</param>
    public IEnumerable<OperationDescription> OfKind(OperationKind kind) => Operations.Where(o => o.Kind == kind);

    /// <summary>The model named <paramref name="name"/>.</summary>
    /// <param name="name">A model name, as operations and values name it.</param>
    /// <exception cref="SchemaDescriptionException">No operation reaches such a model.</exception>
    public ModelDescription Model(string name) =>
        Models.FirstOrDefault(m => m.Name == name)
        ?? throw Missing($"has no model '{name}' reached by an operation");

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    /// <param name="name">A model name.</param>
    public ModelDescription? FindModel(string? name) => name is null ? null : Models.FirstOrDefault(m => m.Name == name);

    /// <summary>The <c>x-dashscope-errors</c> entry of <paramref name="error"/>.</summary>
    /// <param name="error">The role.</param>
    /// <exception cref="SchemaDescriptionException">The schema lacks the role's key.</exception>
    public ErrorEntry Error(ProtocolError error)
    {
        var key = ErrorRoles.KeyOf(error);
        return Errors.FirstOrDefault(e => e.Key == key) ?? throw Missing($"has no x-dashscope-errors entry '{key}'");
    }

    /// <summary>The <c>x-dashscope-task-errors</c> entry of <paramref name="failure"/>.</summary>
    /// <param name="failure">The role.</param>
    /// <exception cref="SchemaDescriptionException">The schema lacks the role's key.</exception>
    public ErrorEntry TaskError(TaskFailure failure)
    {
        var key = ErrorRoles.KeyOf(failure);
        return TaskErrors.FirstOrDefault(e => e.Key == key) ?? throw Missing($"has no x-dashscope-task-errors entry '{key}'");
    }

    /// <summary>The task failure with code <paramref name="code"/>, else the synchronous error with that code, else null.</summary>
    /// <param name="code">An error code.</param>
    public ErrorEntry? FindTaskErrorByCode(string code) =>
        TaskErrors.FirstOrDefault(e => e.Code == code) ?? Errors.FirstOrDefault(e => e.Code == code);

    /// <summary>Checks at start-up that the schema has every error role a consumer answers with.</summary>
    /// <param name="errors">The roles the consumer uses.</param>
    /// <exception cref="SchemaDescriptionException">Some are missing; the message names each key and the schema file.</exception>
    public void RequireErrors(params ProtocolError[] errors) =>
        Require("x-dashscope-errors", errors.Select(ErrorRoles.KeyOf), Errors);

    /// <summary>Checks at start-up that the schema has every task failure role a consumer reports.</summary>
    /// <param name="failures">The roles the consumer uses.</param>
    /// <exception cref="SchemaDescriptionException">Some are missing; the message names each key and the schema file.</exception>
    public void RequireTaskErrors(params TaskFailure[] failures) =>
        Require("x-dashscope-task-errors", failures.Select(ErrorRoles.KeyOf), TaskErrors);

    private void Require(string keyword, IEnumerable<string> keys, EquatableArray<ErrorEntry> entries)
    {
        var missing = keys.Where(k => !entries.Any(e => e.Key == k)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw Missing($"lacks the {keyword} entr{(missing.Count == 1 ? "y" : "ies")} {string.Join(", ", missing.Select(k => "'" + k + "'"))}");
        }
    }

    private SchemaDescriptionException Missing(string what) => new(SchemaFileName, $"The schema '{SchemaFileName}' {what}.");
}
