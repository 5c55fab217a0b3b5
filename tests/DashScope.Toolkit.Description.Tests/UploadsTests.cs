using System.Text.Json.Nodes;
using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>The temporary upload storage read from x-dashscope-uploads: every fact the emulator and the exporter take from it, and located DSG004s when it is malformed.</summary>
public sealed class UploadsTests
{
    private const string SchemaPath = "/schemas/liveportrait.schema.json";
    private static readonly string Original = TestSchemas.Text(TestSchemas.LivePortraitFile);
    private static readonly UploadsDescription Uploads = TestSchemas.Describe(TestSchemas.LivePortraitFile).Uploads!;

    [Fact]
    public void The_policy_call_with_its_query_answer_and_limit()
    {
        var policy = Uploads.Policy;
        Assert.Equal(("GET", "/uploads", "UploadPolicyRequestHeaders", "UploadPolicyResponse", "data", "UploadPolicy"),
            (policy.Method, policy.Path, policy.HeadersDefinition, policy.ResponseDefinition, policy.DataProperty, policy.DataDefinition));
        Assert.Equal([new UploadQueryParameter("action", "getPolicy"), new UploadQueryParameter("model", "{model}")], policy.Query);
        Assert.Equal("model", policy.ModelParameter);
        Assert.Equal(new RateLimitDescription(100, "account-and-model", true), policy.RateLimit);
    }

    [Fact]
    public void Every_policy_field_with_its_wire_name_fixed_value_and_number_or_text()
    {
        Assert.Equal(
            [
                (UploadPolicyField.Policy, "policy", null, false),
                (UploadPolicyField.Signature, "signature", null, false),
                (UploadPolicyField.UploadDir, "upload_dir", null, false),
                (UploadPolicyField.UploadHost, "upload_host", null, false),
                (UploadPolicyField.ExpireInSeconds, "expire_in_seconds", "300", true),
                (UploadPolicyField.MaxFileSizeMb, "max_file_size_mb", "100", true),
                (UploadPolicyField.CapacityLimitMb, "capacity_limit_mb", "999999999", true),
                (UploadPolicyField.AccessKeyId, "oss_access_key_id", null, false),
                (UploadPolicyField.ObjectAcl, "x_oss_object_acl", "private", false),
                (UploadPolicyField.ForbidOverwrite, "x_oss_forbid_overwrite", "true", false),
            ],
            Uploads.Policy.Fields.Select(f => (f.Field, f.WireName, f.Value, f.NumberOrText)));
    }

    [Fact]
    public void The_form_in_order_with_the_file_last()
    {
        var form = Uploads.Form;
        Assert.Equal(("POST", "multipart/form-data", "file", 1, "success_action_status"), (form.Method, form.ContentType, form.LastField, form.FilesPerRequest, form.SuccessStatusField));
        Assert.Equal(
            ["OSSAccessKeyId", "policy", "Signature", "key", "x-oss-object-acl", "x-oss-forbid-overwrite", "success_action_status", "x-oss-content-type", "file"],
            form.Fields.Select(f => f.Name));
        Assert.Equal("file", form.Fields[^1].Name);
        Assert.Equal("file", form.FileField.Name);
        Assert.Equal("key", form.KeyField!.Name);
        Assert.Equal("Signature", form.Carrying(UploadPolicyField.Signature)!.Name);
        Assert.Equal(["success_action_status", "x-oss-content-type"], form.Fields.Where(f => !f.Required).Select(f => f.Name));
    }

    [Fact]
    public void The_url_the_header_and_the_rules()
    {
        Assert.Equal("oss://", Uploads.UrlPrefix);
        Assert.Equal("oss://dashscope-instant/a/b.png", Uploads.UrlOf("dashscope-instant/a/b.png"));
        Assert.True(Uploads.IsStoredFileUrl("oss://x"));
        Assert.False(Uploads.IsStoredFileUrl("https://x"));
        Assert.Equal("dashscope-instant/a/b.png", Uploads.KeyOf("oss://dashscope-instant/a/b.png"));
        Assert.Equal(new UploadHeaderDescription("X-DashScope-OssResourceResolve", "enable"), Uploads.ResolveHeader);
        Assert.Equal((48.0, "model,account", UploadPolicyField.MaxFileSizeMb, UploadPolicyField.CapacityLimitMb, true),
            (Uploads.Rules.FileLifetimeHours, string.Join(",", Uploads.Rules.BoundTo), Uploads.Rules.MaxFileSize, Uploads.Rules.DailyCapacity, Uploads.Rules.WriteOnly));
        Assert.Equal("cn-beijing", Uploads.Region);
    }

    [Fact]
    public void Every_error_role_has_its_entry()
    {
        foreach (var role in Enum.GetValues<UploadError>())
        {
            Assert.NotNull(Uploads.Error(role).Status);
        }

        Assert.Equal((400, "InvalidParameter.DataInspection"), (Uploads.Error(UploadError.ResolveNotEnabled).Status, Uploads.Error(UploadError.ResolveNotEnabled).Code));
        Assert.Equal((403, "AccessDenied", "Invalid according to Policy: Policy expired."),
            (Uploads.Error(UploadError.PolicyExpired).Status, Uploads.Error(UploadError.PolicyExpired).Code, Uploads.Error(UploadError.PolicyExpired).Message));
        Assert.Equal((409, "FileAlreadyExists"), (Uploads.Error(UploadError.FileAlreadyExists).Status, Uploads.Error(UploadError.FileAlreadyExists).Code));
    }

    [Fact]
    public void Two_readings_are_equal_and_a_schema_without_uploads_has_none()
    {
        Assert.Equal(Uploads, TestSchemas.Describe(TestSchemas.LivePortraitFile).Uploads);
        var without = TestSchemas.Edit(Original, root => root.Remove("x-dashscope-uploads"));
        var description = EndpointDescriptionReader.Read(SchemaPath, without).GetDescriptionOrThrow();
        Assert.Null(description.Uploads);
        Assert.NotEqual(description, TestSchemas.Describe(TestSchemas.LivePortraitFile));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "unknown field role", "x-dashscope-uploads.policy.fields has no role 'bucket'", "\"bucket\"" },
        { "field not in data", "names 'nope', which is not a property of 'UploadPolicy'", "\"nope\"" },
        { "no model parameter", "must have a parameter whose value is {model}", "\"query\"" },
        { "url without key", "must be a scheme or prefix followed by {key}", "\"oss://\"" },
        { "file not a field", "lastField 'blob' is not one of its fields", "\"blob\"" },
        { "unknown placeholder", "uses {bucket}", "\"{bucket}\"" },
        { "bad binding", "boundTo has 'region'", "\"boundTo\"" },
        { "error without status", "x-dashscope-uploads.storageErrors.policyExpired must be an object with a string 'code' and an HTTP 'status'", "\"policyExpired\"" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_uploads_block_is_DSG004_at_its_keyword(string edit, string message, string located)
    {
        var text = TestSchemas.Edit(Original, root =>
        {
            var uploads = root["x-dashscope-uploads"]!;
            switch (edit)
            {
                case "unknown field role": uploads["policy"]!["fields"]!["bucket"] = "upload_host"; break;
                case "field not in data": uploads["policy"]!["fields"]!["policy"] = "nope"; break;
                case "no model parameter": uploads["policy"]!["query"]!["model"] = "liveportrait"; break;
                case "url without key": uploads["url"] = "oss://"; break;
                case "file not a field": uploads["form"]!["lastField"] = "blob"; break;
                case "unknown placeholder": uploads["form"]!["fields"]![0]!["value"] = "{bucket}"; break;
                case "bad binding": uploads["rules"]!["boundTo"] = new JsonArray("model", "region"); break;
                case "error without status": uploads["storageErrors"]!["policyExpired"]!.AsObject().Remove("status"); break;
            }
        });
        var result = EndpointDescriptionReader.Read(SchemaPath, text);
        Assert.Null(result.Description);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DescriptionDiagnosticId.InvalidEndpointKeyword, diagnostic.Id);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        var line = text.Split('\n')[diagnostic.Location.Line];
        Assert.Equal(located, line.Substring(diagnostic.Location.Column, Math.Min(located.Length, line.Length - diagnostic.Location.Column)));
    }

    [Fact]
    public void A_missing_answer_definition_is_DSG005()
    {
        var text = TestSchemas.Edit(Original, root => root["x-dashscope-uploads"]!["policy"]!["response"] = "#/definitions/Nope");
        var diagnostic = Assert.Single(EndpointDescriptionReader.Read(SchemaPath, text).Diagnostics);
        Assert.Equal(DescriptionDiagnosticId.UnresolvedReference, diagnostic.Id);
        Assert.Contains("x-dashscope-uploads.policy.response", diagnostic.Message, StringComparison.Ordinal);
    }
}
