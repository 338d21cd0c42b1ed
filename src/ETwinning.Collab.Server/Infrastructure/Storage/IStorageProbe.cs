namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>Asks the configured storage provider whether it answers (the readiness check uses it).</summary>
public interface IStorageProbe
{
    /// <summary>Completes when the store answered a trivial query; throws when it cannot.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
