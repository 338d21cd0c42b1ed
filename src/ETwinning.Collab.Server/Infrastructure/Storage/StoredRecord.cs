namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// One record of a feature as a transfer carries it (<see cref="IStoreTransfer"/>). <paramref name="Kind"/> says which
/// of the feature's record types it is (<c>teacher</c>, <c>refresh_token</c>, ...); <paramref name="TwinSpaceId"/> is
/// the TwinSpace it belongs to (null for catalog records), because several records (audit entries, mutes, word lists)
/// do not carry it themselves while both providers keep them per TwinSpace.
/// </summary>
public sealed record StoredRecord(string Kind, string? TwinSpaceId, object Record)
{
    /// <summary>The error for a record a feature's import does not know: a transfer between mismatched versions.</summary>
    public InvalidOperationException NotOf(string feature) => new($"Feature {feature} has no records of kind '{Kind}'.");

    /// <summary>The TwinSpace of a per-TwinSpace record; a record without one cannot be placed.</summary>
    public string RequireTwinSpace() => TwinSpaceId ?? throw new InvalidOperationException($"A record of kind '{Kind}' came without its TwinSpace.");
}
