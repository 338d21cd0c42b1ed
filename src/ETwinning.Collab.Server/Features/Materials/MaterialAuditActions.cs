namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Audit verbs of the materials feature (moderation: changing what someone else uploaded).</summary>
public static class MaterialAuditActions
{
    public const string DeletedOthers = "material.deleted";
    public const string CollectionDeletedOthers = "material_collection.deleted";
}
