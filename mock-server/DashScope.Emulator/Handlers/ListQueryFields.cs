using System.Globalization;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>
/// The task list's query as the list operation's query model states it: which of DashScope's filters it declares
/// (a filter the model lacks is never read), the format of its window fields, and its paging defaults.
/// </summary>
internal sealed class ListQueryFields
{
    public ListQueryFields(EndpointDescription description, OperationDescription? list)
    {
        var model = description.FindModel(list?.QueryModel);
        TaskId = Declared(model, ProtocolFields.TaskId);
        StartTime = Declared(model, ProtocolFields.List.StartTime);
        EndTime = Declared(model, ProtocolFields.List.EndTime);
        ModelName = Declared(model, ProtocolFields.List.ModelName);
        Status = Declared(model, ProtocolFields.List.Status);
        PageNo = Declared(model, ProtocolFields.List.PageNo);
        PageSize = Declared(model, ProtocolFields.List.PageSize);
        TimeFormat = model?.Property(ProtocolFields.List.StartTime)?.Type.TimeFormat
            ?? model?.Property(ProtocolFields.List.EndTime)?.Type.TimeFormat
            ?? ProtocolFields.List.FilterTimeFormat;
        DefaultPageNo = Default(model, ProtocolFields.List.PageNo) ?? ProtocolFields.List.FirstPage;
        DefaultPageSize = Default(model, ProtocolFields.List.PageSize) ?? ProtocolFields.List.DefaultPageSize;
        MaxPageSize = int.TryParse(model?.Property(ProtocolFields.List.PageSize)?.Type.Rules.Maximum, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : null;
    }

    /// <summary>The wire name of each filter, or null when the query model does not declare it.</summary>
    public string? TaskId { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? StartTime { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? EndTime { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? ModelName { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? Status { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? PageNo { get; }

    /// <inheritdoc cref="TaskId"/>
    public string? PageSize { get; }

    /// <summary>The format of the window fields.</summary>
    public string TimeFormat { get; }

    /// <summary>The page answered when none is asked for.</summary>
    public int DefaultPageNo { get; }

    /// <summary>Tasks per page when no size is asked for.</summary>
    public int DefaultPageSize { get; }

    /// <summary>The largest page size the query model allows; null when it states none.</summary>
    public int? MaxPageSize { get; }

    private static string? Declared(ModelDescription? model, string wireName) => model?.Property(wireName) is null ? null : wireName;

    private static int? Default(ModelDescription? model, string wireName) =>
        int.TryParse(model?.Property(wireName)?.DefaultText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
