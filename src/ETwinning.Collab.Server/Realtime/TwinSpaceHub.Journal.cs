using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Features.Updates;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewJournal)]
    public Task<UpdatePage> ListJournal(string twinSpaceId, ListUpdatesRequest? request, [FromServices] UpdateService updates) =>
        updates.ListAsync(Member, UpdateKind.Journal, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostJournal)]
    public Task<UpdateView> PostJournalEntry(string twinSpaceId, PostUpdateRequest request, [FromServices] UpdateService updates) =>
        updates.PostAsync(Member, UpdateKind.Journal, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostJournal)]
    public Task<UpdateView> EditJournalEntry(string twinSpaceId, long sequence, EditUpdateRequest request, [FromServices] UpdateService updates) =>
        updates.EditAsync(Member, UpdateKind.Journal, sequence, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostJournal)]
    public Task<UpdateView> DeleteJournalEntry(string twinSpaceId, long sequence, [FromServices] UpdateService updates) =>
        updates.DeleteAsync(Member, UpdateKind.Journal, sequence, Context.ConnectionAborted);
}
