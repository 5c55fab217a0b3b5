using System;
using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>
/// Turns the description's models into C# types: a record per object, an enum struct per enum, with type,
/// property and member names that compile (DSG007 where a name cannot).
/// </summary>
internal sealed class TypeMapper
{
    private readonly MappingDiagnostics _diagnostics;
    private readonly string _serviceName;
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);

    /// <param name="diagnostics">Where naming problems go.</param>
    /// <param name="serviceName">The prefix of a type whose name implicit usings already bring into scope.</param>
    public TypeMapper(MappingDiagnostics diagnostics, string serviceName)
    {
        _diagnostics = diagnostics;
        _serviceName = serviceName;
    }

    public List<ObjectTypeModel> Objects { get; } = new();

    public List<EnumTypeModel> Enums { get; } = new();

    /// <summary>The C# type of a model, by the model's name.</summary>
    public string TypeName(string modelName) => _typeNames[modelName];

    /// <summary>Maps the models that travel in bodies or query strings (headers are not generated), in the description's order.</summary>
    public void Map(IEnumerable<ModelDescription> models)
    {
        var generated = models.Where(m => m.Role != ModelRole.Headers).ToList();
        var owners = new Dictionary<string, ModelDescription>(StringComparer.Ordinal);
        foreach (var model in generated)
        {
            var name = NameOf(model);
            _typeNames[model.Name] = name;
            if (model.InlineSteps.Count == 0 && (!Names.IsUsableIdentifier(name) || Names.ReservedTypeNames.Contains(name)))
            {
                _diagnostics.InvalidName(model.Pointer, model.Definition, $"the definition name gives '{name}', which is not a usable C# type name");
                continue;
            }
            if (owners.ContainsKey(name))
            {
                // Two definitions that PascalCase alike, or a definition named like another's inline object: they must not merge silently.
                _diagnostics.InvalidName(model.Pointer, name, "two schemas of this file produce this type name");
                continue;
            }
            owners[name] = model;
        }
        if (_diagnostics.Count > 0) { return; }
        foreach (var model in generated)
        {
            if (model.Kind == ModelKind.Enum) { Enums.Add(Enum(model)); }
            else { Objects.Add(Object(model)); }
        }
    }

    /// <summary>
    /// The C# name of a model: its definition in PascalCase, then each step to an inline one (Value before an array
    /// definition's items, Item for items); prefixed with the service's name when implicit usings already name a type so.
    /// </summary>
    private string NameOf(ModelDescription model)
    {
        var name = Names.ToPascal(model.Definition);
        if (model.InlineSteps.Count > 0 && model.InlineSteps[0].IsItems) { name += "Value"; }
        name += string.Concat(model.InlineSteps.Select(step => step.IsItems ? "Item" : Names.ToPascal(step.PropertyWireName!)));
        return Names.ImplicitUsingTypeNames.Contains(name) ? _serviceName + name : name;
    }

    private ObjectTypeModel Object(ModelDescription model)
    {
        var typeName = _typeNames[model.Name];
        var properties = new List<PropertyModel>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in model.Properties)
        {
            var name = Names.ToPascal(property.WireName);
            if (name == typeName) { name += "Value"; }
            if (!Names.IsUsableIdentifier(name) || Names.ReservedPropertyNames.Contains(name))
            {
                _diagnostics.InvalidName(model.PropertyPointer(property.WireName), typeName + "." + property.WireName, $"the property name gives '{name}', which is not a usable C# member name");
                continue;
            }
            if (!used.Add(name))
            {
                _diagnostics.InvalidName(model.PropertyPointer(property.WireName), typeName + "." + property.WireName, $"two properties of {typeName} both become '{name}'");
                continue;
            }
            properties.Add(new PropertyModel(property.WireName, name, Value(property.Type), property.Required, property.Description, property.DefaultText, property.FixedValue));
        }
        return new ObjectTypeModel(typeName, model.Description, model.Pointer, properties.ToEquatableArray(), model.Role == ModelRole.Query);
    }

    private EnumTypeModel Enum(ModelDescription model)
    {
        var typeName = _typeNames[model.Name];
        var members = new List<EnumMemberModel>();
        var used = new HashSet<string>(Names.EnumStructMemberNames.Append(typeName), StringComparer.Ordinal);
        for (var i = 0; i < model.EnumValues.Count; i++)
        {
            var value = model.EnumValues[i];
            var member = i < model.EnumNames.Count && !string.IsNullOrEmpty(model.EnumNames[i]) ? model.EnumNames[i] : Names.ToPascal(value.ToLowerInvariant());
            if (!Names.IsUsableIdentifier(member) || !used.Add(member))
            {
                _diagnostics.InvalidName(model.Pointer + "/enum", typeName + " value '" + value + "'", $"it gives the member name '{member}', which is not usable or is taken; name it with x-enumNames");
                break;
            }
            members.Add(new EnumMemberModel(value, member));
        }
        return new EnumTypeModel(typeName, model.Description, model.Pointer, members.ToEquatableArray(), EquatableArray<string>.Empty);
    }

    private ValueTypeModel Value(ValueDescription value) => new(
        value.Kind,
        value.ModelName is null ? null : _typeNames[value.ModelName],
        value.TimeFormat,
        value.Item is null ? null : Value(value.Item),
        value.Rules);
}
