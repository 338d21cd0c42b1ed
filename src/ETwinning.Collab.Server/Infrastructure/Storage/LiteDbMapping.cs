using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// How one feature's records map to LiteDB documents (ids, ignored members). Records stay free of storage
/// attributes; each LiteDB store class says how its records are stored, and every file's mapper applies them all.
/// </summary>
public sealed record LiteDbMapping(Action<BsonMapper> Configure);
