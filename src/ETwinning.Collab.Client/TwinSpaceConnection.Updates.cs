using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A Teacher bulletin note was posted, edited or deleted (teachers only).</summary>
    public event Action<UpdateChangedEvent>? BulletinPostChanged;

    /// <summary>A Project journal entry was posted, edited or deleted.</summary>
    public event Action<UpdateChangedEvent>? JournalEntryChanged;

    /// <summary>Bulletin notes newest first; older ones with <paramref name="beforeSequence"/>.</summary>
    public Task<UpdatePage> ListBulletinAsync(string twinSpaceId, long? beforeSequence = null, int? limit = null) =>
        InvokeAsync<UpdatePage>("ListBulletin", twinSpaceId, new ListUpdatesRequest(beforeSequence, limit));

    /// <summary>Posts a bulletin note; a retry with the same <paramref name="clientId"/> returns the stored note.</summary>
    public Task<UpdateView> PostBulletinAsync(string twinSpaceId, string title, string text, string? clientId = null) =>
        InvokeAsync<UpdateView>("PostBulletin", twinSpaceId, new PostUpdateRequest(clientId ?? Guid.NewGuid().ToString("N"), title, text));

    /// <summary>Changes the title and text of a bulletin note (its author, or a teacher administrator).</summary>
    public Task<UpdateView> EditBulletinAsync(string twinSpaceId, long sequence, string title, string text) =>
        InvokeAsync<UpdateView>("EditBulletin", twinSpaceId, sequence, new EditUpdateRequest(title, text));

    /// <summary>Deletes a bulletin note (its author, or a teacher administrator).</summary>
    public Task<UpdateView> DeleteBulletinAsync(string twinSpaceId, long sequence) =>
        InvokeAsync<UpdateView>("DeleteBulletin", twinSpaceId, sequence);

    /// <summary>Journal entries newest first; older ones with <paramref name="beforeSequence"/>.</summary>
    public Task<UpdatePage> ListJournalAsync(string twinSpaceId, long? beforeSequence = null, int? limit = null) =>
        InvokeAsync<UpdatePage>("ListJournal", twinSpaceId, new ListUpdatesRequest(beforeSequence, limit));

    /// <summary>Posts a journal entry; a retry with the same <paramref name="clientId"/> returns the stored entry.</summary>
    public Task<UpdateView> PostJournalEntryAsync(string twinSpaceId, string title, string text, string? clientId = null) =>
        InvokeAsync<UpdateView>("PostJournalEntry", twinSpaceId, new PostUpdateRequest(clientId ?? Guid.NewGuid().ToString("N"), title, text));

    /// <summary>Changes the title and text of a journal entry (its author, or a teacher administrator).</summary>
    public Task<UpdateView> EditJournalEntryAsync(string twinSpaceId, long sequence, string title, string text) =>
        InvokeAsync<UpdateView>("EditJournalEntry", twinSpaceId, sequence, new EditUpdateRequest(title, text));

    /// <summary>Deletes a journal entry (its author, or a teacher administrator).</summary>
    public Task<UpdateView> DeleteJournalEntryAsync(string twinSpaceId, long sequence) =>
        InvokeAsync<UpdateView>("DeleteJournalEntry", twinSpaceId, sequence);

    private void RegisterUpdateEvents()
    {
        Hub.On<UpdateChangedEvent>(UpdateEventNames.BulletinPostChanged, e => BulletinPostChanged?.Invoke(e));
        Hub.On<UpdateChangedEvent>(UpdateEventNames.JournalEntryChanged, e => JournalEntryChanged?.Invoke(e));
    }
}
