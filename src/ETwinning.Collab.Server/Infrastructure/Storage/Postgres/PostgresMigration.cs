namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// One step of a feature's schema: plain SQL, applied once, in order of <see cref="Version"/> within its
/// <see cref="Feature"/>. Each Postgres store class declares its own steps; they are registered next to the store.
/// </summary>
public sealed record PostgresMigration(string Feature, int Version, string Sql);
