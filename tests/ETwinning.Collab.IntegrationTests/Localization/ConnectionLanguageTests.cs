using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.TwinSpaces;

namespace ETwinning.Collab.IntegrationTests.Localization;

/// <summary>
/// A reader who switches languages gets the server's messages in the new language on the same connection
/// (SetLanguage), with the same codes; an unknown language is refused and changes nothing.
/// </summary>
public sealed class ConnectionLanguageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task After_switching_to_German_a_refusal_comes_in_German_with_the_same_code()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var hub = scenario.FounderHub;
        var rivers = await hub.CreatePageAsync(scenario.Id, "Our rivers");
        var fish = await hub.CreatePageAsync(scenario.Id, "Fish", parentId: rivers.Id);

        var english = await Assert.ThrowsAsync<CollabHubException>(() => hub.MovePageAsync(scenario.Id, rivers.Id, fish.Id, 0));
        Assert.Equal(("invalid", "A page cannot move under itself or one of its sub-pages."), (english.Code, english.Message));

        Assert.Equal("de", await hub.SetLanguageAsync("de-AT"));
        var german = await Assert.ThrowsAsync<CollabHubException>(() => hub.MovePageAsync(scenario.Id, rivers.Id, fish.Id, 0));
        Assert.Equal(("invalid", "Eine Seite kann nicht unter sich selbst oder eine ihrer Unterseiten verschoben werden."), (german.Code, german.Message));

        var unknown = await Assert.ThrowsAsync<CollabHubException>(() => hub.SetLanguageAsync("tlh"));
        Assert.Equal(("invalid", "Diese Sprache gibt es hier nicht. Wähle eine davon: en, de, fr, it, pl, pt, es."), (unknown.Code, unknown.Message));
        var stillGerman = await Assert.ThrowsAsync<CollabHubException>(() => hub.MovePageAsync(scenario.Id, rivers.Id, fish.Id, 0));
        Assert.Equal(german.Message, stillGerman.Message);
    }
}
