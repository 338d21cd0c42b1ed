namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// How blob records are named in a transfer between providers (<see cref="Storage.IStoreTransfer"/>). Only the counts
/// travel: the content stays in the files under <c>Storage:DataDirectory</c>, which both providers use.
/// </summary>
public static class BlobTransfer
{
    public const string Feature = "blobs";
    public const string Blob = "blob";
}
