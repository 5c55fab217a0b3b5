using System.Collections.Generic;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// What the endpoint readers ask of the models: the definitions the file has and the values they describe, walked
/// into models on first use. <see cref="ModelWalker"/> answers from the schema's JSON tree; the tests' oracle
/// answers the same questions from NJsonSchema's reading, so both share every reader built on this.
/// </summary>
internal interface IModelSource
{
    /// <summary>The role given to the models walked from now on.</summary>
    ModelRole Role { get; set; }

    /// <summary>Every model walked so far, in the order first met.</summary>
    IEnumerable<ModelDescription> Models { get; }

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    ModelDescription? Find(string? name);

    /// <summary>Puts <paramref name="model"/> in place of the model of the same name.</summary>
    void Replace(ModelDescription model);

    /// <summary>True when <c>definitions</c> has <paramref name="name"/>.</summary>
    bool HasDefinition(string name);

    /// <summary>The value the definition <paramref name="name"/> describes, walking it into models; null when there is no such definition, or after a diagnostic.</summary>
    ValueDescription? DefinitionValue(string name);
}
