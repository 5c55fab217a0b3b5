using System.Globalization;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>Writes the client's upload members: the storage protocol as data, UploadAsync, and the helpers that upload local files then call.</summary>
internal static class UploadEmitter
{
    private const string Progress = "global::System.IProgress<global::DashScope.Toolkit.DashScopeUploadProgress>";
    private const string Uploaded = "global::DashScope.Toolkit.DashScopeUploadedFile";

    /// <summary>The object initializer that states the storage on the service description (after its constructor call).</summary>
    public static void EmitProtocol(SourceWriter w, UploadsModel uploads)
    {
        var storage = uploads.Storage;
        var policy = storage.Policy;
        w.Line("{");
        w.Line($"    Uploads = new {TypeNames.Toolkit}.DashScopeUploadProtocol(");
        w.Line($"        {SourceWriter.Literal(policy.Method)},");
        w.Line($"        {SourceWriter.Literal(policy.Path)},");
        w.Line("        new global::System.Collections.Generic.KeyValuePair<string, string>[] { " +
            string.Join(", ", policy.Query.Select(q => $"new({SourceWriter.Literal(q.Name)}, {SourceWriter.Literal(q.Value)})")) + " },");
        w.Line($"        {SourceWriter.Literal(policy.DataProperty)},");
        w.Line($"        new global::System.Collections.Generic.Dictionary<{TypeNames.Toolkit}.DashScopeUploadPolicyField, string>");
        w.Line("        {");
        foreach (var field in policy.Fields)
        {
            w.Line($"            [{TypeNames.Toolkit}.DashScopeUploadPolicyField.{field.Field}] = {SourceWriter.Literal(field.WireName)},");
        }
        w.Line("        },");
        w.Line($"        new {TypeNames.Toolkit}.DashScopeUploadFormField[]");
        w.Line("        {");
        foreach (var field in storage.Form.Fields)
        {
            var value = field.Value is null ? "null" : SourceWriter.Literal(field.Value);
            w.Line($"            new({SourceWriter.Literal(field.Name)}, {value}, {Bool(field.Required)}, {Bool(field.IsFile)}),");
        }
        w.Line("        },");
        w.Line($"        {SourceWriter.Literal(storage.UrlTemplate)},");
        w.Line($"        {SourceWriter.Literal(storage.ResolveHeader.Name)},");
        w.Line($"        {SourceWriter.Literal(storage.ResolveHeader.Value)},");
        w.Line($"        global::System.TimeSpan.FromHours({storage.Rules.FileLifetimeHours.ToString("R", CultureInfo.InvariantCulture)}),");
        w.Line($"        new {TypeNames.Toolkit}.DashScopeMediaRule[]");
        w.Line("        {");
        foreach (var media in uploads.MediaRules)
        {
            var rule = media.Rule;
            var formats = "new string[] { " + string.Join(", ", rule.Formats.Select(SourceWriter.Literal)) + " }";
            var max = rule.ExclusiveMaxBytes is { } bytes ? bytes.ToString(CultureInfo.InvariantCulture) + "L" : "null";
            w.Line($"            new({SourceWriter.Literal(media.Model)}, {SourceWriter.Literal(rule.PropertyPath)}, {SourceWriter.Literal(rule.Kind == MediaKind.Image ? "image" : "audio")}, {formats}, {max}),");
        }
        w.Line("        }),");
        w.Line("};");
    }

    /// <summary>UploadAsync for a stream and for a path, the uploader, and one helper per operation that can run on local files.</summary>
    public static void EmitMembers(SourceWriter w, ServiceModel model, UploadsModel uploads)
    {
        var models = string.Join(" or ", uploads.MediaRules.Select(r => r.Model).Distinct());
        w.Line();
        w.Line("/// <summary>Uploads local files to the temporary storage and caches one upload policy per model; UploadAsync is the usual way in.</summary>");
        w.Line($"public {TypeNames.Toolkit}.DashScopeUploader Uploader {{ get; }}");
        w.Line();
        w.Summary($"Uploads a file to DashScope's temporary storage for {models} and returns its URL (valid for {Hours(uploads)} h, usable by that model and this account only). " +
            "Put the URL in a request's media field: the client sends the resolve header by itself.");
        w.Line("/// <param name=\"content\">The file's bytes, from the stream's current position.</param>");
        w.Line("/// <param name=\"fileName\">The name to store it under; errors name the file by it.</param>");
        w.Line($"/// <param name=\"model\">The model that will use the file ({SourceWriter.Xml(models)}).</param>");
        w.Line("/// <param name=\"progress\">Receives the bytes sent as the upload goes.</param>");
        w.Line("/// <param name=\"cancellationToken\">Stops the upload.</param>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeUploadException\">The file is empty, too large or of a format the model does not take (nothing was sent), or the storage refused it.</exception>");
        w.LineMember("public ", $"global::System.Threading.Tasks.Task<{Uploaded}> UploadAsync(global::System.IO.Stream content, string fileName, string model, {Progress}? progress = null, {ClientEmitter.Ct} cancellationToken = default)");
        w.Line("    => Uploader.UploadAsync(content, fileName, model, null, progress, cancellationToken);");
        w.Line();
        w.Summary($"Uploads the file at filePath to DashScope's temporary storage for {models} and returns its URL.");
        w.Line("/// <param name=\"filePath\">The file to upload.</param>");
        w.Line($"/// <param name=\"model\">The model that will use the file ({SourceWriter.Xml(models)}).</param>");
        w.Line("/// <param name=\"progress\">Receives the bytes sent as the upload goes.</param>");
        w.Line("/// <param name=\"cancellationToken\">Stops the upload.</param>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeUploadException\">The file is missing, unreadable, empty, too large or of a format the model does not take (nothing was sent), or the storage refused it.</exception>");
        w.LineMember("public ", $"global::System.Threading.Tasks.Task<{Uploaded}> UploadAsync(string filePath, string model, {Progress}? progress = null, {ClientEmitter.Ct} cancellationToken = default)");
        w.Line("    => Uploader.UploadFileAsync(filePath, model, null, progress, cancellationToken);");
        foreach (var helper in uploads.LocalFileHelpers)
        {
            EmitHelper(w, model, helper);
        }
    }

    private static void EmitHelper(SourceWriter w, ServiceModel model, LocalFileHelperModel helper)
    {
        var ns = model.Namespace;
        var result = $"global::{ns}.{helper.ResultType}";
        w.Line();
        w.Summary($"Uploads the local files for {helper.Model} (every one checked before the first is sent), then calls {helper.Target} with their URLs and the resolve header.");
        foreach (var file in helper.Files)
        {
            w.Line($"/// <param name=\"{file.ParameterName.TrimStart('@')}\">The file for <c>{SourceWriter.Xml(file.FieldPath)}</c>.</param>");
        }
        foreach (var other in helper.PassThrough)
        {
            w.Line($"/// <param name=\"{other.ParameterName.TrimStart('@')}\">Sent as the request's {other.PropertyName}; null leaves it out.</param>");
        }
        w.Line("/// <param name=\"uploadProgress\">Receives the bytes sent of each file.</param>");
        if (helper.IsTask) { w.Line("/// <param name=\"progress\">Receives the task's answer at each status change.</param>"); }
        w.Line("/// <param name=\"cancellationToken\">Stops the uploads and the call.</param>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeUploadException\">A file is missing, unreadable or breaks its media rule (nothing was uploaded), or the storage refused it.</exception>");
        var parameters = helper.Files.Select(f => "string " + f.ParameterName)
            .Concat(helper.PassThrough.Select(p => TypeNames.Of(p.Type, ns) + "? " + p.ParameterName + " = null"))
            .Concat(new[] { Progress + "? uploadProgress = null" })
            .Concat(helper.IsTask ? new[] { $"global::System.IProgress<{result}>? progress = null" } : new string[0])
            .Concat(new[] { ClientEmitter.Ct + " cancellationToken = default" });
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<{result}> {helper.Name}({string.Join(", ", parameters)})");
        var files = string.Join(", ", helper.Files.Select(f => $"new {TypeNames.Toolkit}.DashScopeLocalFile({f.ParameterName}, {SourceWriter.Literal(f.FieldPath)})"));
        w.Line($"var stored = await Uploader.UploadFilesAsync(new {TypeNames.Toolkit}.DashScopeLocalFile[] {{ {files} }}, {SourceWriter.Literal(helper.Model)}, uploadProgress, cancellationToken).ConfigureAwait(false);");
        w.Line($"var request = new global::{ns}.{helper.RequestType}");
        w.Line("{");
        w.Line($"    {helper.HolderProperty} = new global::{ns}.{helper.HolderType}");
        w.Line("    {");
        var index = 0;
        foreach (var file in helper.Files)
        {
            w.Line($"        {file.PropertyName} = stored[{index++}].Url,");
        }
        w.Line("    },");
        foreach (var other in helper.PassThrough)
        {
            w.Line($"    {other.PropertyName} = {other.ParameterName},");
        }
        w.Line("};");
        var call = helper.IsTask ? $"{helper.Target}(request, progress, cancellationToken)" : $"{helper.Target}(request, cancellationToken)";
        w.Line($"return await {call}.ConfigureAwait(false);");
        w.Close();
    }

    private static string Hours(UploadsModel uploads) => uploads.Storage.Rules.FileLifetimeHours.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
