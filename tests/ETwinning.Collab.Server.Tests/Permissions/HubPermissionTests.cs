using System.Reflection;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Realtime;

namespace ETwinning.Collab.Server.Tests.Permissions;

/// <summary>The attributes on the hub's methods name what each method does, so the matrix and these tables describe who may.</summary>
public sealed class HubPermissionTests
{
    public static TheoryData<string, TwinSpaceAction, ResourceRule?> Guarded => new()
    {
        // Page writes: the role gate (may this role manage or edit pages at all), then which pages.
        { nameof(TwinSpaceHub.UpdatePage), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.SetPageState), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.AssignPageTeams), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.AssignPageEditors), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.DeletePage), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.RestorePage), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.CreatePageVersion), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.RestorePageVersion), TwinSpaceAction.ManagePages, ResourceRule.ManagePage },
        { nameof(TwinSpaceHub.SendPageUpdate), TwinSpaceAction.EditPages, ResourceRule.EditPage },
        { nameof(TwinSpaceHub.CreatePage), TwinSpaceAction.CreatePages, null },
        { nameof(TwinSpaceHub.MovePage), TwinSpaceAction.ReorderPages, null },
        // Page reads stay reads.
        { nameof(TwinSpaceHub.GetPage), TwinSpaceAction.ViewPages, null },
        { nameof(TwinSpaceHub.JoinPage), TwinSpaceAction.ViewPages, null },
        { nameof(TwinSpaceHub.ListPageVersions), TwinSpaceAction.ViewPages, null },
        // Chat: channel membership.
        { nameof(TwinSpaceHub.OpenChatChannel), TwinSpaceAction.ReadChat, ResourceRule.ReadChannel },
        { nameof(TwinSpaceHub.GetChatMessagesSince), TwinSpaceAction.ReadChat, ResourceRule.ReadChannel },
        { nameof(TwinSpaceHub.SendChatMessage), TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel },
        { nameof(TwinSpaceHub.EditChatMessage), TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel },
        { nameof(TwinSpaceHub.HideChatMessage), TwinSpaceAction.ModerateChat, ResourceRule.ReadChannel },
        // Own content.
        { nameof(TwinSpaceHub.EditForumPost), TwinSpaceAction.ReplyInForum, ResourceRule.EditForumPost },
        { nameof(TwinSpaceHub.DeleteForumPost), TwinSpaceAction.ReplyInForum, ResourceRule.DeleteForumPost },
        { nameof(TwinSpaceHub.UpdateMaterial), TwinSpaceAction.UploadMaterials, ResourceRule.ChangeMaterial },
        { nameof(TwinSpaceHub.DeleteMaterialCollection), TwinSpaceAction.UploadMaterials, ResourceRule.ChangeMaterial },
        // Live events: creating is the matrix alone; running one is for its hosts; taking part needs a seat (or hosting).
        { nameof(TwinSpaceHub.CreateLiveEvent), TwinSpaceAction.ManageLiveEvents, null },
        { nameof(TwinSpaceHub.RegisterForLiveEvent), TwinSpaceAction.JoinLiveEvents, null },
        { nameof(TwinSpaceHub.JoinLiveEvent), TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent },
        { nameof(TwinSpaceHub.StartLiveEvent), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.EndLiveEvent), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.OpenLivePoll), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.CloseLivePoll), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.RevealLiveQuizAnswer), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.SetLiveQuestionState), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.PromoteLivePresenter), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.ListLiveEventRegistrations), TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent },
        { nameof(TwinSpaceHub.VoteInLivePoll), TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent },
        { nameof(TwinSpaceHub.AskLiveQuestion), TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent },
        { nameof(TwinSpaceHub.UpvoteLiveQuestion), TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent },
        { nameof(TwinSpaceHub.RaiseLiveHand), TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent },
    };

    [Theory]
    [MemberData(nameof(Guarded))]
    public void A_hub_method_names_the_action_and_the_resource_rule_it_is_guarded_by(string method, TwinSpaceAction action, ResourceRule? rule)
    {
        var requirement = Requirement(typeof(TwinSpaceHub).GetMethod(method)!);
        Assert.NotNull(requirement);
        Assert.Equal((action, rule), (requirement.Action, requirement.Resource));
    }

    [Fact]
    public void No_role_passes_a_gate_whose_resource_rule_could_never_allow_it()
    {
        // Otherwise the matrix would say a role may do something no resource ever lets it do.
        var methods = typeof(TwinSpaceHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(method => (method.Name, Requirement: Requirement(method))).Where(m => m.Requirement?.Resource is not null).ToList();
        Assert.NotEmpty(methods);
        foreach (var (name, requirement) in methods)
            foreach (var role in Enum.GetValues<TwinSpaceRole>().Where(role => PermissionMatrix.Allows(role, requirement!.Action)))
                Assert.True(ResourceRules.ActionsOf(requirement!.Resource!.Value).Any(action => PermissionMatrix.Allows(role, action)),
                    $"{name}: {role} passes {requirement.Action} but {requirement.Resource} never allows it");
    }

    private static RequiresPermissionAttribute? Requirement(MethodInfo method) => method.GetCustomAttribute<RequiresPermissionAttribute>();
}
