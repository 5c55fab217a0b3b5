using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>What the client needs to upload local files: the storage as the description states it, the media URLs it may fill, and the helpers that upload then call.</summary>
/// <param name="Storage">The temporary storage, as read from <c>x-dashscope-uploads</c>.</param>
/// <param name="MediaRules">Every media URL of every operation, with its model.</param>
/// <param name="LocalFileHelpers">The operations whose requests can be built from local files alone.</param>
internal sealed record UploadsModel(
    UploadsDescription Storage,
    EquatableArray<ModelMediaRule> MediaRules,
    EquatableArray<LocalFileHelperModel> LocalFileHelpers);

/// <summary>A media URL of one operation's request.</summary>
/// <param name="Model">The operation's model.</param>
/// <param name="Rule">The URL's path and limits.</param>
internal sealed record ModelMediaRule(string Model, MediaRuleDescription Rule);

/// <summary>
/// A method that uploads local files and then runs an operation: its request holds fixed or defaulted values,
/// one object made only of required media URLs (filled from the files), and optional properties passed through.
/// </summary>
/// <param name="Name">The helper's name, e.g. GenerateFromFilesAsync.</param>
/// <param name="Target">The method it calls with the built request, e.g. GenerateAsync.</param>
/// <param name="IsTask">True when the target waits for a task (it takes a task progress).</param>
/// <param name="TaskType">The task answer's type, for a task.</param>
/// <param name="ResultType">The target's answer type.</param>
/// <param name="Model">The model the files are uploaded for.</param>
/// <param name="RequestType">The request's type.</param>
/// <param name="HolderProperty">The request property that holds the media URLs.</param>
/// <param name="HolderType">Its type.</param>
/// <param name="Files">The file parameters, in the holder's property order.</param>
/// <param name="PassThrough">The optional request properties the helper takes as optional parameters.</param>
internal sealed record LocalFileHelperModel(
    string Name,
    string Target,
    bool IsTask,
    string? TaskType,
    string ResultType,
    string Model,
    string RequestType,
    string HolderProperty,
    string HolderType,
    EquatableArray<LocalFileParameter> Files,
    EquatableArray<PassThroughParameter> PassThrough);

/// <summary>One file parameter: its name, the URL property it fills and that URL's wire path.</summary>
internal sealed record LocalFileParameter(string ParameterName, string PropertyName, string FieldPath);

/// <summary>One optional request property passed through a local-file helper.</summary>
internal sealed record PassThroughParameter(string ParameterName, string PropertyName, ValueTypeModel Type);
