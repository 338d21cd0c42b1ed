namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>The shared database answers a trivial query.</summary>
internal sealed class PostgresStorageProbe(PostgresDatabase database) : IStorageProbe
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
