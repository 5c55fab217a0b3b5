using System.Collections.Generic;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>Collects the media rules of a request: every URL with <c>x-dashscope-media</c>, by its dotted path from the body's root.</summary>
internal static class MediaRules
{
    // Deep enough for any real request; stops a recursive model from looping.
    private const int MaxDepth = 8;

    public static EquatableArray<MediaRuleDescription> Of(string requestModel, IModelSource models)
    {
        var rules = new List<MediaRuleDescription>();
        Collect(models.Find(requestModel), string.Empty, models, rules, depth: 0);
        return rules.ToEquatableArray();
    }

    private static void Collect(ModelDescription? model, string prefix, IModelSource models, List<MediaRuleDescription> rules, int depth)
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
