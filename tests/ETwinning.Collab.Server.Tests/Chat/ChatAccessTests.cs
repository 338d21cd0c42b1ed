using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Tests.Chat;

/// <summary>Supervision, cell by cell: which role reads and writes which kind of channel.</summary>
public sealed class ChatAccessTests
{
    private static readonly TwinSpaceRole[] AllRoles = Enum.GetValues<TwinSpaceRole>();

    [Theory]
    [InlineData(ChatChannelKind.Breakout)]
    [InlineData(ChatChannelKind.Room)]
    [InlineData(ChatChannelKind.General)]
    public void Every_channel_a_pupil_can_write_in_is_readable_by_every_supervising_teacher(ChatChannelKind kind)
    {
        var channel = Channel(kind, "pupil");
        Assert.True(ChatAccess.CanWrite(channel, Member("pupil", TwinSpaceRole.Pupil)));
        Assert.True(ChatAccess.CanRead(channel, Member("teacher", TwinSpaceRole.Teacher)));
        Assert.True(ChatAccess.CanRead(channel, Member("admin", TwinSpaceRole.TeacherAdministrator)));
    }

    [Fact]
    public void Breakouts_are_closed_to_pupils_and_guests_who_are_not_members()
    {
        var channel = Channel(ChatChannelKind.Breakout, "fox");
        Assert.False(ChatAccess.CanRead(channel, Member("owl", TwinSpaceRole.Pupil)));
        Assert.False(ChatAccess.CanRead(channel, Member("owl", TwinSpaceRole.PupilAdministrator)));
        Assert.False(ChatAccess.CanRead(channel, Member("guest", TwinSpaceRole.Expert)));
        Assert.False(ChatAccess.CanRead(channel, Member("guest", TwinSpaceRole.Observer)));
    }

    [Fact]
    public void Direct_channels_are_read_by_their_two_teachers_only()
    {
        var channel = Channel(ChatChannelKind.Direct, "t1", "t2");
        Assert.True(ChatAccess.CanWrite(channel, Member("t1", TwinSpaceRole.Teacher)));
        Assert.True(ChatAccess.CanRead(channel, Member("t2", TwinSpaceRole.TeacherAdministrator)));
        foreach (var role in AllRoles) Assert.False(ChatAccess.CanRead(channel, Member("t3", role)));
    }

    [Fact]
    public void The_teachers_channel_is_for_teacher_administrators_and_teachers()
    {
        var channel = Channel(ChatChannelKind.Teachers);
        Assert.Equal([TwinSpaceRole.TeacherAdministrator, TwinSpaceRole.Teacher],
            AllRoles.Where(role => ChatAccess.CanRead(channel, Member("x", role))));
    }

    private static ChatChannel Channel(ChatChannelKind kind, params string[] members) =>
        new() { Id = "c", Kind = kind, Title = "c", MemberIds = [.. members], CreatedBy = "t", CreatedAt = DateTime.UtcNow };

    private static Membership Member(string accountId, TwinSpaceRole role) => new()
    {
        Id = "ts:" + accountId, TwinSpaceId = "ts", AccountId = accountId, Role = role,
        Kind = role is TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator ? AccountKind.Pupil : AccountKind.Teacher, DisplayName = accountId,
    };
}
