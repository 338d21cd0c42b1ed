using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Features.Updates;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewBulletin)]
    public Task<UpdatePage> ListBulletin(string twinSpaceId, ListUpdatesRequest? request, [FromServices] UpdateService updates) =>
        updates.ListAsync(Member, UpdateKind.Bulletin, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostBulletin)]
    public Task<UpdateView> PostBulletin(string twinSpaceId, PostUpdateRequest request, [FromServices] UpdateService updates) =>
        updates.PostAsync(Member, UpdateKind.Bulletin, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostBulletin)]
    public Task<UpdateView> EditBulletin(string twinSpaceId, long sequence, EditUpdateRequest request, [FromServices] UpdateService updates) =>
        updates.EditAsync(Member, UpdateKind.Bulletin, sequence, request, Context.ConnectionAborted);

    [RequiresPermission(TwinSpaceAction.PostBulletin)]
    public Task<UpdateView> DeleteBulletin(string twinSpaceId, long sequence, [FromServices] UpdateService updates) =>
        updates.DeleteAsync(Member, UpdateKind.Bulletin, sequence, Context.ConnectionAborted);
}
