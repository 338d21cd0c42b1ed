using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// A record kept whole in a <c>jsonb</c> column next to the typed columns a store queries. The whole record round-trips
/// exactly (ticks and kind of every date, lists, nested records) without a column per property, so a field added to a
/// record needs no schema step; what SQL filters, orders, counts or changes in place lives in typed columns instead.
/// Property names stay as declared (PascalCase) and enums as numbers, so SQL may name a key (<c>doc-&gt;'Kind'</c>).
/// </summary>
public static class PostgresDocument
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>A <c>jsonb</c> parameter holding the record.</summary>
    public static NpgsqlParameter Of<T>(T record) =>
        new() { Value = JsonSerializer.Serialize(record, Json), NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>The record in column <paramref name="ordinal"/> (a <c>jsonb</c> column read as text).</summary>
    public static T Read<T>(NpgsqlDataReader row, int ordinal) =>
        JsonSerializer.Deserialize<T>(row.GetString(ordinal), Json) ?? throw new InvalidOperationException($"Column {ordinal} holds no {typeof(T).Name}.");
}
