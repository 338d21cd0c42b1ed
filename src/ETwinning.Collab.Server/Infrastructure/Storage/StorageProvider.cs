namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>Where the features keep their data (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>Embedded LiteDB files under <c>Storage:DataDirectory</c>: one node, no setup (the default).</summary>
    LiteDb,

    /// <summary>PostgreSQL (<c>Storage:Postgres:ConnectionString</c>): shared by every node of a cluster.</summary>
    Postgres,
}
