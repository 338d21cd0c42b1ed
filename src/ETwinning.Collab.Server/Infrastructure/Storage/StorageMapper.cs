using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>The BsonMapper of a set of files: enums as strings, dates kept in UTC, plus the features' mappings.</summary>
internal static class StorageMapper
{
    /// <summary>The base mapper alone (tests and the storage benchmark that store plain documents).</summary>
    public static BsonMapper Default { get; } = Create([]);

    public static BsonMapper Create(IEnumerable<LiteDbMapping> mappings)
    {
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        // LiteDB stores UTC but hands dates back as local time; the server only speaks UTC.
        mapper.RegisterType<DateTime>(
            value => new BsonValue(value.ToUniversalTime()),
            bson => DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
        foreach (var mapping in mappings) mapping.Configure(mapper);
        return mapper;
    }
}
