using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// Scoped per hub invocation or HTTP request: holds the <see cref="MemberContext"/> the permission filter
/// established, so handlers receive an already-checked member instead of checking roles themselves.
/// </summary>
public sealed class CurrentMember
{
    private MemberContext? _member;

    public MemberContext Value => _member ?? throw new InvalidOperationException("No permission filter ran for this call.");

    internal void Set(MemberContext member) =>
        _member = _member is null ? member : throw new InvalidOperationException("The member was set already.");
}
