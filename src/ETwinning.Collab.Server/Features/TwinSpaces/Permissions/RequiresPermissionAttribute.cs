namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// Marks a hub method whose <c>twinSpaceId</c> argument must pass <see cref="PermissionGuard"/> for
/// <see cref="Action"/> before the method runs. The passed <see cref="MemberContext"/> is in <see cref="CurrentMember"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPermissionAttribute(TwinSpaceAction action) : Attribute
{
    public TwinSpaceAction Action { get; } = action;
}
