using ETwinning.Collab.Server.Features.Chat;

namespace ETwinning.Collab.Server.Tests.Architecture;

/// <summary>
/// The storage seam holds: LiteDB is known only to the LiteDB store classes (and the types only they use, named
/// LiteDb...) and to the shared engine in Infrastructure/Storage. Records, services, interfaces, the hub: none of
/// them refers to a LiteDB type in a signature, an attribute or a method body. So a second provider is one class
/// per feature store, not a rewrite.
/// </summary>
public sealed class StorageBoundaryTests
{
    private const string StorageEngineNamespace = "ETwinning.Collab.Server.Infrastructure.Storage";

    [Fact]
    public void Only_LiteDB_stores_and_the_storage_engine_refer_to_LiteDB()
    {
        var server = typeof(IChatStore).Assembly;
        var offenders = server.GetTypes()
            .Where(type => !MayUseLiteDb(type))
            .SelectMany(type => TypeReferences.Of(type).Where(IsLiteDb).Select(used => $"{type.FullName} -> {used.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "LiteDB used outside its stores:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_a_LiteDB_reference_where_there_is_one()
    {
        // The rule would be empty if the scan saw nothing: the LiteDB chat store must show up as a user of LiteDB.
        Assert.Contains(TypeReferences.Of(typeof(LiteDbChatStore)), IsLiteDb);
    }

    private static bool MayUseLiteDb(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is { } declaring) outer = declaring;
        return outer.Name.StartsWith("LiteDb", StringComparison.Ordinal) || outer.Namespace == StorageEngineNamespace;
    }

    private static bool IsLiteDb(Type type)
    {
        while (type.HasElementType) type = type.GetElementType()!;
        if (type.IsGenericType && type.GetGenericArguments().Any(IsLiteDb)) return true;
        return type.Assembly.GetName().Name == "LiteDB";
    }
}
