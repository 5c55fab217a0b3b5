using System.Collections.Generic;

using DashScope.Toolkit.Description.Reading;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>Collects the media rules of a request: every URL with <c>x-dashscope-media</c>, by its dotted path from the body's root.</summary>
internal static class MediaRules
{
    // Deep enough for any real request; stops a recursive model from looping.
    private const int MaxDepth = 8;

    public static EquatableArray<MediaRuleDescription> Of(string requestModel, ModelWalker models)
    {
        var rules = new List<MediaRuleDescription>();
        Collect(models.Find(requestModel), string.Empty, models, rules, depth: 0);
        return rules.ToEquatableArray();
    }

    private static void Collect(ModelDescription? model, string prefix, ModelWalker models, List<MediaRuleDescription> rules, int depth)
    {
        if (model is null || depth > MaxDepth) { return; }
        foreach (var property in model.Properties)
        {
            var path = prefix + property.WireName;
            if (property.Type.Media is { } media) { rules.Add(media with { PropertyPath = path }); }
            else if (property.Type.Kind == ValueKind.Object) { Collect(models.Find(property.Type.ModelName), path + ".", models, rules, depth + 1); }
        }
    }
}
