namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>How bulletin and journal entries are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class UpdateTransfer
{
    public const string Feature = "updates";
    public const string Entry = "update";
}
