using StackExchange.Redis;

namespace ETwinning.Collab.Server.Infrastructure.Redis;

/// <summary>What Redis being down or hanging looks like to a caller (a timeout is not a <see cref="RedisException"/>).</summary>
public static class RedisFailure
{
    public static bool Is(Exception error) => error is RedisException or RedisTimeoutException;
}
