using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;

namespace ETwinning.Collab.Server.Tests.Moderation;

public sealed class WordFilterTests
{
    private static readonly WordFilter Filter = new([
        new WordFilterRule("idiot", WordFilterAction.Mask),
        new WordFilterRule("meet me after school", WordFilterAction.HoldForReview),
        new WordFilterRule("stupid*", WordFilterAction.Mask),
        new WordFilterRule("address", WordFilterAction.Block),
    ]);

    [Fact]
    public void Text_without_listed_words_is_allowed_unchanged()
    {
        var verdict = Filter.Screen("Our river is called the Danube.");
        Assert.Equal(ScreenOutcome.Allowed, verdict.Outcome);
        Assert.Equal("Our river is called the Danube.", verdict.Text);
        Assert.Empty(verdict.Matched);
    }

    [Fact]
    public void Masking_ignores_case_and_accents_and_keeps_the_length()
    {
        var verdict = Filter.Screen("You ÍDIOT, idiot!");
        Assert.Equal(ScreenOutcome.Masked, verdict.Outcome);
        Assert.Equal("You *****, *****!", verdict.Text);
        Assert.Equal(["idiot"], verdict.Matched);
    }

    [Fact]
    public void Words_inside_other_words_do_not_match_unless_the_entry_is_a_prefix()
    {
        Assert.Equal(ScreenOutcome.Allowed, Filter.Screen("idiotic is a different word; so is addresses").Outcome);
        Assert.Equal("such ********* here", Filter.Screen("such stupidity here").Text);
    }

    [Fact]
    public void The_strictest_action_wins()
    {
        Assert.Equal(ScreenOutcome.Held, Filter.Screen("idiot, meet me after school").Outcome);
        var blocked = Filter.Screen("idiot, what is your Address? meet me after school");
        Assert.Equal(ScreenOutcome.Blocked, blocked.Outcome);
        Assert.Equal(3, blocked.Matched.Count);
    }

    [Fact]
    public void Folding_keeps_one_character_per_character()
    {
        const string Text = "Zoë és Ñandú 🙂 ok";
        Assert.Equal(Text.Length, WordFilter.Fold(Text).Length);
        Assert.StartsWith("zoe es nandu", WordFilter.Fold(Text), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_allows_everything()
    {
        Assert.Equal(ScreenOutcome.Allowed, WordFilter.Empty.Screen("idiot").Outcome);
    }
}
