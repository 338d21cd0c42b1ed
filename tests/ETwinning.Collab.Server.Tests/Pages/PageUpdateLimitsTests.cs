using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Tests.Unit;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>
/// What a page refuses before anything is stored: a page over <see cref="PagesOptions.MaxDocumentBytes"/> and
/// crafted updates over <see cref="PagesOptions.MaxConflictStepsPerUpdate"/> (<c>too_large</c>), updates that
/// need history the page lacks (<c>conflict</c>), malformed ones (<c>invalid</c>). A refused update changes
/// neither the log nor the document.
/// </summary>
public sealed class PageUpdateLimitsTests : IAsyncLifetime
{
    private const int MaxDocumentBytes = 64 * 1024;
    private PagesHarness _pages = null!;

    public Task InitializeAsync()
    {
        _pages = new PagesHarness(new PagesOptions { MaxDocumentBytes = MaxDocumentBytes, MaxConflictStepsPerUpdate = 20_000 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    private Task<ETwinning.Collab.Client.Protocol.PageUpdateAck> Send(string pageId, byte[] update) => _pages.Live.ApplyAsync(PagesHarness.Founder, pageId, "typist", update);

    private async Task<(int Log, byte[] State)> StoredAsync(string pageId) =>
        ((await _pages.Store.LogAsync(PagesHarness.TwinSpaceId, pageId)).Count,
         await _pages.Live.SnapshotAsync(PagesHarness.TwinSpaceId, pageId));

    private async Task AssertRefusedAsync(string pageId, byte[] update, string code, string messagePart)
    {
        var before = await StoredAsync(pageId);
        var error = await Assert.ThrowsAsync<CollabException>(() => Send(pageId, update));
        Assert.Equal(code, error.Code);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        var after = await StoredAsync(pageId);
        Assert.Equal(before.Log, after.Log);
        Assert.Equal(before.State, after.State);
    }

    [Fact]
    public async Task An_update_that_would_make_the_page_larger_than_its_limit_is_refused_and_changes_nothing()
    {
        var pageId = await _pages.PageAsync();
        var document = new YDoc();
        // 10 KB at a time: six fit under 64 KiB, the seventh does not.
        for (var i = 0; i < 6; i++) await Send(pageId, PagesHarness.Type(document, new string((char)('a' + i), 10_000)));
        await AssertRefusedAsync(pageId, PagesHarness.Type(document, new string('z', 10_000)), ErrorCodes.TooLarge, "page is full");
        Assert.Equal(60_000, (await PagesHarness.TextAsync(_pages.Live, pageId)).Length);

        // Deleting makes room again (the size is measured, not summed, near the limit).
        var remover = new YDoc();
        remover.ApplyUpdate(await _pages.Live.SnapshotAsync(PagesHarness.TwinSpaceId, pageId));
        byte[] deletion = [];
        remover.Updated += (_, e) => deletion = e.Update;
        remover.GetText("t").Delete(0, 50_000);
        await Send(pageId, deletion);
        var writer = new YDoc();
        writer.ApplyUpdate(await _pages.Live.SnapshotAsync(PagesHarness.TwinSpaceId, pageId));
        await Send(pageId, PagesHarness.Type(writer, new string('y', 10_000)));
        Assert.Equal(20_000, (await PagesHarness.TextAsync(_pages.Live, pageId)).Length);
    }

    [Fact]
    public async Task Thousands_of_items_at_one_position_from_rising_client_ids_are_refused_with_the_reason()
    {
        var pageId = await _pages.PageAsync();
        var document = new YDoc(clientId: 1);
        await Send(pageId, PagesHarness.Type(document, "ab"));
        await AssertRefusedAsync(pageId, CraftedUpdates.Siblings(firstClient: 1000, items: 2000), ErrorCodes.TooLarge, "same position");
        // An ordinary keystroke right there is fine.
        await Send(pageId, PagesHarness.Type(document, "c"));
        Assert.Equal("abc", await PagesHarness.TextAsync(_pages.Live, pageId));
    }

    [Fact]
    public async Task An_update_that_needs_history_the_page_lacks_is_a_conflict_and_is_not_kept_pending()
    {
        var pageId = await _pages.PageAsync();
        var document = new YDoc();
        var first = PagesHarness.Type(document, "one ");
        var second = PagesHarness.Type(document, "two");
        await AssertRefusedAsync(pageId, second, ErrorCodes.Conflict, "join again");
        // The client re-syncs and sends both (merged, as the provider does): nothing is lost.
        await Send(pageId, YUpdate.Merge(first, second));
        Assert.Equal("one two", await PagesHarness.TextAsync(_pages.Live, pageId));
    }

    [Fact]
    public async Task Trailing_bytes_and_invalid_utf8_are_invalid()
    {
        var pageId = await _pages.PageAsync();
        var update = PagesHarness.Type(new YDoc(), "xyz");
        await AssertRefusedAsync(pageId, [.. update, 0], ErrorCodes.Invalid, "not a valid Yjs update");
        var broken = (byte[])update.Clone();
        broken[broken.AsSpan().IndexOf("xyz"u8)] = 0xFF;
        await AssertRefusedAsync(pageId, broken, ErrorCodes.Invalid, "not a valid Yjs update");
    }
}
