using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Forums;

/// <summary>A TwinSpace with a discussion opened by its founder and a partner teacher: where most forum tests start.</summary>
public sealed class ForumScenario : IAsyncDisposable
{
    private ForumScenario(TwinSpaceScenario twinSpace, ForumDiscussionView discussion, TokenPair partner, TwinSpaceConnection partnerHub)
    {
        TwinSpace = twinSpace;
        Discussion = discussion;
        Partner = partner;
        PartnerHub = partnerHub;
    }

    public TwinSpaceScenario TwinSpace { get; }
    public ForumDiscussionView Discussion { get; }
    public TokenPair Partner { get; }
    /// <summary>A partner teacher: may start threads and moderate forums, not open discussions.</summary>
    public TwinSpaceConnection PartnerHub { get; }
    public TwinSpaceConnection FounderHub => TwinSpace.FounderHub;
    public string Id => TwinSpace.Id;

    public static async Task<ForumScenario> CreateAsync(CollabServer server)
    {
        var twinSpace = await TwinSpaceScenario.CreateAsync(server);
        var discussion = await twinSpace.FounderHub.CreateForumDiscussionAsync(twinSpace.Id, "Should our towns ban bottled water?",
            "Debate with the partner school, then **vote** with likes.");
        var (partner, partnerHub) = await twinSpace.AddTeacherAsync(TwinSpaceRole.Teacher, "PT");
        return new ForumScenario(twinSpace, discussion, partner, partnerHub);
    }

    /// <summary>A thread started by the partner teacher.</summary>
    public async Task<ForumThreadPage> StartThreadAsync(string title = "Arguments for a ban", string body = "Plastic bottles end up in our river.")
        => await PartnerHub.CreateForumThreadAsync(Id, Discussion.Id, title, body);

    public ValueTask DisposeAsync() => TwinSpace.DisposeAsync();
}
