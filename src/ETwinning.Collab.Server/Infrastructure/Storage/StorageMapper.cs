using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>One BsonMapper for every file: enums as strings, dates kept in UTC.</summary>
internal static class StorageMapper
{
    public static BsonMapper Instance { get; } = Create();

    private static BsonMapper Create()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        // LiteDB stores UTC but hands dates back as local time; the server only speaks UTC.
        mapper.RegisterType<DateTime>(
            value => new BsonValue(value.ToUniversalTime()),
            bson => DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
        return mapper;
    }
}
