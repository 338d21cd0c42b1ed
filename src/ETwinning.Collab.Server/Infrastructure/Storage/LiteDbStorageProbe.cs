namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>The embedded provider answers when the catalog file opens and lists its collections.</summary>
internal sealed class LiteDbStorageProbe(DatabaseFiles files) : IStorageProbe
{
    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        files.Catalog.Read(db => db.GetCollectionNames().Count());
        return Task.CompletedTask;
    }
}
