namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>Where the features keep their data (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>Embedded LiteDB files under <c>Storage:DataDirectory</c>: one node, no setup (the default).</summary>
    LiteDb,
}
