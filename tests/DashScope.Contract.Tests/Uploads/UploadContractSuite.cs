using System.Text.Json;
using System.Xml.Linq;
using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Uploads;

/// <summary>
/// The temporary upload storage's contract, run against each target: the policy call, a form upload built by
/// hand from the documented fields, a task on <c>oss://</c> URLs with the resolve header, and the refusals
/// (no header, a tampered signature, a key outside the upload directory, a download).
/// </summary>
public abstract class UploadContractSuite<TTarget> : IClassFixture<TTarget>, IDisposable
    where TTarget : class, IContractTarget
{
    private readonly ContractClient _client;
    private readonly HttpClient _storage;

    protected UploadContractSuite(TTarget target)
    {
        Target = target;
        Answers = new AnswerLog();
        _client = new ContractClient(target, ContractSchema.Repository, Answers, target.OpenSession());
        _storage = new HttpClient(target.CreateTransport()) { Timeout = TimeSpan.FromSeconds(60) };
        Uploads = _client.Description.Uploads!;
        Synthesis = _client.Description.OfKind(OperationKind.Async).Single();
    }

    protected TTarget Target { get; }

    protected AnswerLog Answers { get; }

    protected UploadsDescription Uploads { get; }

    protected OperationDescription Synthesis { get; }

    private KeyValuePair<string, string> Resolve => new(Uploads.ResolveHeader.Name, Uploads.ResolveHeader.Value);

    [ContractFact]
    public async Task The_policy_answer_holds_every_documented_field_for_the_model()
    {
        var (reply, form) = await PolicyAsync(Synthesis.Model!);

        Assert.Equal(200, reply.Status);
        var data = reply.Json!.Value.GetProperty(Uploads.Policy.DataProperty);
        foreach (var field in Uploads.Policy.Fields)
        {
            Assert.True(data.TryGetProperty(field.WireName, out _), $"the policy answer lacks {field.WireName}");
        }

        Assert.True(double.Parse(form.Value(UploadPolicyField.ExpireInSeconds), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(form.UploadHost.Scheme == Uri.UriSchemeHttps || form.UploadHost.IsLoopback, $"the upload host {form.UploadHost} is neither https nor on loopback");
        Answers.AssertSaw(Uploads.Policy.ResponseDefinition, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_task_runs_on_files_posted_with_a_hand_built_form_and_named_by_oss_urls()
    {
        var image = await UploadSampleAsync(Target.PortraitUrl, "portrait.png", "image/png");
        var audio = await UploadSampleAsync(Target.SpeechUrl, "speech.mp3", "audio/mpeg");

        var submitted = await _client.SendAsync(new HttpMethod(Synthesis.Method), Synthesis.Path, Body(image, audio), asyncHeader: true, headers: [Resolve]);
        Assert.Equal(200, submitted.Status);
        var polls = await _client.PollUntilTerminalAsync(submitted.Output("task_id")!);

        Assert.Equal("SUCCEEDED", polls[^1].Output("task_status"));
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task An_oss_url_without_the_resolve_header_is_refused_with_one_of_the_documented_errors()
    {
        var image = await UploadSampleAsync(Target.PortraitUrl, "portrait.png", "image/png");
        var audio = await UploadSampleAsync(Target.SpeechUrl, "speech.mp3", "audio/mpeg");

        var refused = await _client.SendAsync(new HttpMethod(Synthesis.Method), Synthesis.Path, Body(image, audio), asyncHeader: true);

        var documented = Uploads.Errors.Where(e => e.Key.StartsWith(UploadRoles.KeyOf(UploadError.ResolveNotEnabled), StringComparison.Ordinal)).ToList();
        Assert.Contains((refused.Status, refused.Code), documented.Select(e => (e.Status ?? 0, (string?)e.Code)));
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task The_storage_answers_a_tampered_signature_a_key_outside_the_directory_and_a_download_with_xml_errors()
    {
        var (_, form) = await PolicyAsync(Synthesis.Model!);
        var bytes = await DownloadAsync(Target.PortraitUrl);

        var tampered = await PostAsync(form, form.Build("a.png", bytes, "image/png", (name, value) => name == Uploads.Form.Carrying(UploadPolicyField.Signature)!.Name ? Tampered(value) : value));
        var outside = await PostAsync(form, form.Build("b.png", bytes, "image/png", (name, value) => name == Uploads.Form.KeyField!.Name ? "elsewhere/b.png" : value));
        var stored = await PostAsync(form, form.Build("c.png", bytes, "image/png"));
        using var download = await _storage.GetAsync(new Uri(form.UploadHost.AbsoluteUri.TrimEnd('/') + "/" + form.KeyOf("c.png")));

        Assert.Equal(Expected(UploadError.SignatureMismatch), tampered);
        Assert.Equal((403, Uploads.Error(UploadError.ConditionFailed).Code), (outside.Status, outside.Code));
        Assert.StartsWith("Invalid according to Policy: Policy Condition failed", outside.Message, StringComparison.Ordinal);
        Assert.True(stored.Status is >= 200 and < 300, $"a good form answered {stored.Status}");
        Assert.Equal((int)System.Net.HttpStatusCode.Forbidden, (int)download.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _storage.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The signature with its first character replaced by a different one, so it can never stay valid by chance.</summary>
    private static string Tampered(string signature) => (signature[0] == 'x' ? "y" : "x") + signature[1..];

    private (int Status, string? Code, string? Message) Expected(UploadError error) =>
        (Uploads.Error(error).Status ?? 0, Uploads.Error(error).Code, Uploads.Error(error).Message);

    private string Body(string imageUrl, string audioUrl) =>
        $$$"""{"model":"{{{Synthesis.Model}}}","input":{"image_url":"{{{imageUrl}}}","audio_url":"{{{audioUrl}}}"}}""";

    private async Task<(Reply Reply, StorageForm Form)> PolicyAsync(string model)
    {
        var query = string.Join("&", Uploads.Policy.Query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value == UploadPolicyCallDescription.ModelPlaceholder ? model : q.Value)));
        var reply = await _client.SendAsync(new HttpMethod(Uploads.Policy.Method), Uploads.Policy.Path + "?" + query);
        Assert.Equal(200, reply.Status);
        return (reply, new StorageForm(Uploads, reply.Json!.Value.GetProperty(Uploads.Policy.DataProperty)));
    }

    /// <summary>Uploads the target's own sample (fetched from <paramref name="sample"/>) and answers its <c>oss://</c> URL.</summary>
    private async Task<string> UploadSampleAsync(Uri sample, string fileName, string contentType)
    {
        var (_, form) = await PolicyAsync(Synthesis.Model!);
        var answer = await PostAsync(form, form.Build(fileName, await DownloadAsync(sample), contentType));
        Assert.True(answer.Status is >= 200 and < 300, $"the upload of {fileName} answered {answer.Status} {answer.Code}: {answer.Message}");
        return Uploads.UrlOf(form.KeyOf(fileName));
    }

    private async Task<byte[]> DownloadAsync(Uri url)
    {
        using var response = await _storage.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Posts a form to the upload host; answers its status and, for an error, the XML's code and message.</summary>
    private async Task<(int Status, string? Code, string? Message)> PostAsync(StorageForm form, MultipartFormDataContent content)
    {
        using (content)
        {
            using var response = await _storage.PostAsync(form.UploadHost, content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode || text.Length == 0)
            {
                return ((int)response.StatusCode, null, null);
            }

            var root = XDocument.Parse(text).Root!;
            return ((int)response.StatusCode, root.Element("Code")?.Value, root.Element("Message")?.Value);
        }
    }
}

/// <summary>The upload contract against the in-process emulator. Always runs.</summary>
public sealed class EmulatorUploadContract(EmulatorTarget target) : UploadContractSuite<EmulatorTarget>(target);

/// <summary>The upload contract against the real service; skipped unless live runs are switched on (see <see cref="LiveServiceSettings"/>).</summary>
[LiveServiceTarget]
public sealed class LiveUploadContract(LiveServiceTarget target) : UploadContractSuite<LiveServiceTarget>(target);
