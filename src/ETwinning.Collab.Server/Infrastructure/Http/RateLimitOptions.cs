using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Http;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Login, registration and refresh attempts per client address per minute.</summary>
    [Range(1, 10_000)] public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Sustained hub invocations per second per account (pupils get half).</summary>
    [Range(1, 10_000)] public int HubInvocationsPerSecond { get; set; } = 20;

    /// <summary>How many hub invocations an account may make in a burst.</summary>
    [Range(1, 100_000)] public int HubInvocationBurst { get; set; } = 40;
}
