using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>One table of a store's export: <paramref name="Sql"/> (which orders its rows) and how a row becomes a record.</summary>
public sealed record PostgresExportQuery(string Sql, Func<NpgsqlDataReader, StoredRecord> Read);
