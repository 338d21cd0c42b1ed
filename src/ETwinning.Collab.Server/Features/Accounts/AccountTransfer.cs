namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>How account records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class AccountTransfer
{
    public const string Feature = "accounts";
    public const string Teacher = "teacher";
    public const string Pupil = "pupil";
    public const string RefreshToken = "refresh_token";
}
