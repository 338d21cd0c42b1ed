namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>How audit records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class AuditTransfer
{
    public const string Feature = "audit";
    public const string Entry = "audit_entry";
}
