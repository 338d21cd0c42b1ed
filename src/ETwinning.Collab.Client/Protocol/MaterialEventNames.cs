namespace ETwinning.Collab.Client.Protocol;

/// <summary>Hub event names of the materials feature (payloads in docs/protocol.md).</summary>
public static class MaterialEventNames
{
    /// <summary>Event: <see cref="MaterialView"/> with status processing.</summary>
    public const string MaterialProcessing = nameof(MaterialProcessing);

    /// <summary>Event: <see cref="MaterialView"/>, ready to download.</summary>
    public const string MaterialReady = nameof(MaterialReady);

    /// <summary>Event: <see cref="MaterialFailedEvent"/>.</summary>
    public const string MaterialFailed = nameof(MaterialFailed);

    /// <summary>Event: <see cref="MaterialView"/> renamed or moved.</summary>
    public const string MaterialChanged = nameof(MaterialChanged);

    /// <summary>Event: <see cref="MaterialDeletedEvent"/>.</summary>
    public const string MaterialDeleted = nameof(MaterialDeleted);

    /// <summary>Event: <see cref="MaterialCollectionView"/> created or renamed.</summary>
    public const string MaterialCollectionChanged = nameof(MaterialCollectionChanged);

    /// <summary>Event: <see cref="MaterialCollectionDeletedEvent"/>.</summary>
    public const string MaterialCollectionDeleted = nameof(MaterialCollectionDeleted);
}
