namespace ETwinning.Collab.Server.Infrastructure.Localization;

/// <summary>A message argument that names an input field; it is shown in the reader's language when the catalogue knows it.</summary>
public sealed record FieldName(string Name)
{
    public override string ToString() => Name;
}
