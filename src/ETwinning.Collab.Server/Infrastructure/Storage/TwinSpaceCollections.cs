namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// Collections a feature keeps in every TwinSpace file, created when the file opens. LiteDB 5 must not create a
/// collection while another thread reads it: the reader can follow the new collection's page before the creating
/// transaction committed and fail with "page type must be collection page" (a stress test of chat found this).
/// A file opens under its gate, before anyone can read or write it, so collections made there are never raced.
/// Features register theirs with <see cref="StorageExtensions.AddTwinSpaceCollections"/>.
/// </summary>
public sealed record TwinSpaceCollections(IReadOnlyList<string> Names);
