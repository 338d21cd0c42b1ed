namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// Marks a hub method whose <c>twinSpaceId</c> argument must pass <see cref="PermissionGuard"/> for
/// <see cref="Action"/> before the method runs. The passed <see cref="MemberContext"/> is in <see cref="CurrentMember"/>.
/// <see cref="Resource"/> names the per-resource rule (<see cref="ResourceRules"/>) the guard evaluates once the
/// feature has loaded the resource (which page, which channel): the action is the role gate, the rule says which ones.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPermissionAttribute : Attribute
{
    public RequiresPermissionAttribute(TwinSpaceAction action) => Action = action;

    public RequiresPermissionAttribute(TwinSpaceAction action, ResourceRule resource)
    {
        Action = action;
        Resource = resource;
    }

    public TwinSpaceAction Action { get; }

    public ResourceRule? Resource { get; }
}
