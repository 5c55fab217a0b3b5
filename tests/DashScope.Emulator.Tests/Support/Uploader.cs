using System.Net.Http.Headers;
using System.Text.Json;

namespace DashScope.Emulator.Tests.Support;

/// <summary>An upload's answer: its status, and the object-storage error code when it is one.</summary>
internal sealed record UploadResult(int Status, string Text)
{
    public string? Code => Element("Code");

    public string? Message => Element("Message");

    private string? Element(string name)
    {
        var start = Text.IndexOf("<" + name + ">", StringComparison.Ordinal);
        var end = Text.IndexOf("</" + name + ">", StringComparison.Ordinal);
        return start < 0 || end < 0 ? null : Text[(start + name.Length + 2)..end];
    }
}

/// <summary>
/// The documented upload, by hand: the policy call, then a multipart form built with MultipartFormDataContent from
/// the documented field names (no generated client), so any client that follows the documentation works alike.
/// </summary>
internal static class Uploader
{
    public static async Task<JsonElement> PolicyAsync(HttpClient client, string model)
    {
        var result = await Api.SendAsync(client, HttpMethod.Get, "uploads?action=getPolicy&model=" + model, contentType: null);
        Assert.True(result.Status == 200, result.Text);
        return result.Json.GetProperty("data");
    }

    /// <summary>The documented fields in order, the file last; <paramref name="edit"/> may change them first.</summary>
    public static List<(string Name, string Value)> Fields(JsonElement policy, string fileName) =>
    [
        ("OSSAccessKeyId", policy.GetProperty("oss_access_key_id").GetString()!),
        ("policy", policy.GetProperty("policy").GetString()!),
        ("Signature", policy.GetProperty("signature").GetString()!),
        ("key", policy.GetProperty("upload_dir").GetString()! + "/" + fileName),
        ("x-oss-object-acl", policy.GetProperty("x_oss_object_acl").GetString()!),
        ("x-oss-forbid-overwrite", policy.GetProperty("x_oss_forbid_overwrite").GetString()!),
        ("success_action_status", "200"),
    ];

    public static async Task<UploadResult> PostAsync(JsonElement policy, IEnumerable<(string Name, string Value)> fields, string fileName, byte[] content, bool fileLast = true)
    {
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var list = fields.ToList();
        foreach (var (name, value) in fileLast ? list : list.Take(list.Count - 1))
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(file, "file", fileName);
        if (!fileLast)
        {
            form.Add(new StringContent(list[^1].Value), list[^1].Name);
        }

        using var response = await http.PostAsync(policy.GetProperty("upload_host").GetString(), form);
        return new UploadResult((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Uploads <paramref name="content"/> for <paramref name="model"/> and returns its oss:// URL (asserting success).</summary>
    public static async Task<string> UploadAsync(HttpClient client, string model, string fileName, byte[] content)
    {
        var policy = await PolicyAsync(client, model);
        var result = await PostAsync(policy, Fields(policy, fileName), fileName, content);
        Assert.True(result.Status == 200, result.Text);
        return "oss://" + policy.GetProperty("upload_dir").GetString() + "/" + fileName;
    }
}
