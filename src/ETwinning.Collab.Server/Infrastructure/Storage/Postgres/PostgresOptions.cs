using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary><c>Storage:Postgres</c>: the shared database of a cluster.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Storage:Postgres";

    /// <summary>Npgsql connection string, e.g. <c>Host=db;Database=collab;Username=collab;Password=...</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>A statement running longer than this is cancelled and its write fails.</summary>
    [Range(1, 3_600)] public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>At most this many queued writes share one transaction (group commit, as with the embedded store).</summary>
    [Range(1, 100_000)] public int MaxWritesPerBatch { get; set; } = 500;

    /// <summary>
    /// Statements the driver prepares on each connection once they run often (Npgsql's <c>Max Auto Prepare</c>, used
    /// unless the connection string sets it): the stores' hot statements are planned once instead of on every run,
    /// which is most of their cost. 0 turns it off.
    /// </summary>
    [Range(0, 10_000)] public int MaxAutoPreparedStatements { get; set; } = 100;
}
