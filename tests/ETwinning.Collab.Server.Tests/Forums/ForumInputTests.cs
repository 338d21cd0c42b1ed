using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Forums;

public sealed class ForumInputTests
{
    private readonly ForumInput _input = new(Options.Create(new ForumOptions { MaxPostCharacters = 100, MaxPostBytes = 120, MaxAttachmentsPerPost = 2 }));

    [Fact]
    public void Bodies_over_either_size_limit_are_too_large()
    {
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<CollabException>(() => _input.Body(new string('a', 101))).Code);
        // 50 characters, 150 bytes.
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<CollabException>(() => _input.Body(new string('€', 50))).Code);
        Assert.Equal(new string('a', 100), _input.Body(new string('a', 100)));
    }

    [Fact]
    public void Empty_bodies_are_invalid_and_disguising_characters_are_dropped()
    {
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<CollabException>(() => _input.Body(" \n\u202E ")).Code);
        Assert.Equal("ab\ncd", _input.Body("a\u202Eb\r\n\u0000cd"));
    }

    [Fact]
    public void Attachments_are_material_ids_only_deduplicated_and_limited()
    {
        Assert.Equal(["m1", "m2"], _input.Attachments(["m1", "m2", "m1"]));
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<CollabException>(() => _input.Attachments(["m1", "m2", "m3"])).Code);
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<CollabException>(() => _input.Attachments(["https://evil.example/x"])).Code);
        Assert.Empty(_input.Attachments(null));
    }

    [Fact]
    public void Page_sizes_are_clamped_to_the_options()
    {
        Assert.Equal((0, 20), _input.ThreadPage(-5, null));
        Assert.Equal((40, 100), _input.ThreadPage(40, 10_000));
        Assert.Equal(1, _input.PostLimit(0));
    }
}
