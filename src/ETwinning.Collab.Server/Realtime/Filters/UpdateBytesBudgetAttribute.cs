namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// Marks a hub method that carries a live-document update (its <c>byte[]</c> argument): it is limited by bytes
/// per account (<c>RateLimits:UpdateBytesPerSecond</c>) and waits for budget instead of being refused, rather
/// than counting against the per-account invocation limit (see <see cref="RateLimitHubFilter"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UpdateBytesBudgetAttribute : Attribute;
