namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>How materials metadata is named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class MaterialTransfer
{
    public const string Feature = "materials";
    public const string Collection = "material_collection";
    public const string Material = "material";
    public const string Avatar = "avatar";
}
