using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Tests.Accounts;

public sealed class ReadableSecretsTests
{
    [Fact]
    public void Pupil_passwords_are_two_words_and_two_digits_and_vary()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => ReadableSecrets.Password()).ToList();
        Assert.All(passwords, p => Assert.Matches("^[a-z]+-[a-z]+-[1-9][0-9]$", p));
        Assert.True(passwords.Distinct().Count() > 190, "passwords repeat far more often than chance allows");
    }

    [Fact]
    public void TwinSpace_codes_avoid_look_alike_characters_and_normalize_what_children_type()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => TwinSpaceCodes.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{8}$", c));
        Assert.Equal("ABCD2345", TwinSpaceCodes.Normalize(" abcd-2345 "));
    }

    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("Łucja", "lucja")]
    [InlineData("Søren", "soren")]
    [InlineData("Jürgen-Straße", "jurgenstrass")]
    [InlineData("🙂 42", "pupil")]
    [InlineData("Μαρία", "pupil")]
    public void Usernames_start_with_the_nickname_folded_to_ascii(string nickname, string stem) =>
        Assert.Equal(stem, UsernameStems.From(nickname));
}
