using System;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// The JSON types a schema's <c>type</c> keyword lists, as flags. The names and values are those JSON Schema
/// readers commonly use (NJsonSchema's among them), so a diagnostic naming a type list reads as it always did.
/// </summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Array = 1,
    Boolean = 2,
    Integer = 4,
    Null = 8,
    Number = 16,
    Object = 32,
    String = 64,
    File = 128,
}
