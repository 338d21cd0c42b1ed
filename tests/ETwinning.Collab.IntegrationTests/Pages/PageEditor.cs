using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>
/// A test editor: one hub connection and a local Yjs document kept in sync with a page through the protocol
/// (join with the state vector, send what the server lacks, apply broadcast updates, send local edits).
/// </summary>
public sealed class PageEditor
{
    private readonly Lock _gate = new();

    private PageEditor(TwinSpaceConnection hub, string twinSpaceId, string pageId)
    {
        Hub = hub;
        TwinSpaceId = twinSpaceId;
        PageId = pageId;
        hub.PageUpdated += e =>
        {
            if (e.PageId != PageId) return;
            lock (_gate) Document.ApplyUpdate(e.Update, origin: this);
        };
    }

    public TwinSpaceConnection Hub { get; }
    public string TwinSpaceId { get; }
    public string PageId { get; }
    public YDoc Document { get; } = new();
    public PageJoinResult Joined { get; private set; } = null!;

    public static async Task<PageEditor> JoinAsync(TwinSpaceConnection hub, string twinSpaceId, string pageId)
    {
        var editor = new PageEditor(hub, twinSpaceId, pageId);
        await editor.SyncAsync();
        return editor;
    }

    /// <summary>Join (again) with the local state vector; send the server what it lacks when allowed to edit.</summary>
    public async Task SyncAsync()
    {
        byte[] stateVector;
        lock (_gate) stateVector = Document.EncodeStateVector();
        Joined = await Hub.JoinPageAsync(TwinSpaceId, PageId, stateVector).WithTimeout();
        byte[] missing;
        lock (_gate)
        {
            Document.ApplyUpdate(Joined.Update, origin: this);
            missing = Document.EncodeStateAsUpdate(Joined.StateVector);
        }
        if (Joined.CanEdit && HasContent(missing)) await Hub.SendPageUpdateAsync(TwinSpaceId, PageId, missing).WithTimeout();
    }

    /// <summary>Appends a paragraph locally and sends the update; returns the acknowledgement.</summary>
    public Task<PageUpdateAck> AppendParagraphAsync(string text) => EditAsync(body =>
    {
        var paragraph = new YXmlElement("paragraph");
        body.Insert(body.Length, paragraph);
        var run = new YXmlText();
        paragraph.Insert(0, run);
        run.Insert(0, text);
    });

    /// <summary>Runs <paramref name="edit"/> on the page body in one local transaction and sends its update.</summary>
    public async Task<PageUpdateAck> EditAsync(Action<YXmlFragment> edit)
    {
        byte[] update;
        lock (_gate) update = LocalUpdate(() => edit(Document.GetXmlFragment("prosemirror")));
        try { return await Hub.SendPageUpdateAsync(TwinSpaceId, PageId, update).WithTimeout(); }
        catch (CollabHubException gap) when (gap.Code == "conflict")
        {
            // As the protocol (and the provider package) does: the node lacks history this update builds on, e.g.
            // another node's update that reached this client through the backplane before it reached this node
            // through the node bus. A fresh sync step sends what the node lacks; the update then applies as a repeat.
            await SyncAsync();
            return await Hub.SendPageUpdateAsync(TwinSpaceId, PageId, update).WithTimeout();
        }
    }

    public string Xml
    {
        get { lock (_gate) return Document.GetXmlFragment("prosemirror").ToXmlString(); }
    }

    private byte[] LocalUpdate(Action edit)
    {
        var produced = new List<byte[]>();
        void Capture(object? sender, UpdateEventArgs e) => produced.Add(e.Update);
        Document.Updated += Capture;
        try { Document.Transact(_ => edit()); }
        finally { Document.Updated -= Capture; }
        return produced.Count == 1 ? produced[0] : YUpdate.Merge([.. produced]);
    }

    /// <summary>An empty update is two zero bytes (no structs, no deletions).</summary>
    private static bool HasContent(byte[] update) => update.Length > 2;
}
