using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// Ranges of <c>_id</c> with their bounds as parameters. LiteDB compiles and caches every distinct expression text for
/// the life of the process, and <c>Query.GT</c> and its kin write the values into the text, so each new bound (every
/// chat read marker, every recovery, every export page) compiled new code that was never freed.
/// </summary>
public static class LiteDbKeyRange
{
    private const string AfterText = "_id > @0";
    private const string BetweenText = "_id > @0 AND _id < @1";
    private const string FromText = "_id >= @0 AND _id < @1";

    /// <summary>Keys above <paramref name="key"/>.</summary>
    public static BsonExpression After(BsonValue key) => BsonExpression.Create(AfterText, key);

    /// <summary>Keys strictly between the two.</summary>
    public static BsonExpression Between(BsonValue after, BsonValue before) => BsonExpression.Create(BetweenText, after, before);

    /// <summary>Keys from <paramref name="first"/> (included) up to <paramref name="before"/> (excluded).</summary>
    public static BsonExpression From(BsonValue first, BsonValue before) => BsonExpression.Create(FromText, first, before);
}
