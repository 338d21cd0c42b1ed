using System.Security.Cryptography;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>
/// Records of every feature written through the stores of one provider, in two TwinSpaces, with the numbers a copy
/// must keep (audit sequences, feed sequences, versions above 1, a blob counted twice). Dates are whole milliseconds
/// except where a store sets them itself.
/// </summary>
public sealed class TransferSeed
{
    public static readonly DateTime At = new(2026, 3, 1, 9, 30, 15, 123, DateTimeKind.Utc);

    public required string TwinSpaceId { get; init; }
    public required string OtherTwinSpaceId { get; init; }
    public required string Code { get; init; }
    public required string TeacherId { get; init; }
    public required string TeacherEmail { get; init; }
    public required string PupilId { get; init; }
    public required string PupilUsername { get; init; }
    public required string SharedBlob { get; init; }
    public const int AuditEntries = 3;
    public const int JournalEntries = 3;

    public static async Task<TransferSeed> FillAsync(IStoreProvider provider)
    {
        var (twinSpaceId, otherId, teacherId, pupilId) = (Ids.New(), Ids.New(), Ids.New(), Ids.New());
        var code = "C" + Ids.New()[..7];
        var email = $"teacher.{teacherId}@school.test";

        var accounts = provider.Get<IAccountStore>();
        Assert.True(await accounts.TryAddTeacherAsync(new TeacherAccount
        {
            Id = teacherId, Email = email, DisplayName = "Ana (PT)", Country = "PT", PasswordHash = "hash", IsValidated = true, CreatedAt = At,
        }));
        Assert.True(await accounts.TryAddPupilsAsync([new PupilAccount
        {
            Id = pupilId, TwinSpaceId = twinSpaceId, Username = "fox", ScopedUsername = PupilAccount.Scope(twinSpaceId, "fox"), Nickname = "Fox",
            PasswordHash = "hash", CreatedBy = teacherId, CreatedAt = At,
        }]));
        // Two wrong passwords of three allowed, then the third: the pupil is locked with the count back at 0.
        for (var i = 0; i < 3; i++) await accounts.RecordFailedLoginAsync(AccountKind.Pupil, pupilId, maxFailures: 3, lockUntil: At.AddMinutes(15));
        await accounts.RecordFailedLoginAsync(AccountKind.Teacher, teacherId, maxFailures: 3, lockUntil: At.AddMinutes(15));
        await accounts.AddRefreshTokenAsync(new RefreshTokenRecord { Id = Ids.New(), AccountId = teacherId, Family = "f1", ExpiresAt = At.AddDays(30) });

        var twinSpaces = provider.Get<ITwinSpaceStore>();
        foreach (var (id, title) in new[] { (twinSpaceId, "Water in our towns"), (otherId, "Bridges") })
            await twinSpaces.AddAsync(
                new TwinSpace { Id = id, Code = id == twinSpaceId ? code : "D" + Ids.New()[..7], Title = title, CreatedBy = teacherId, CreatedAt = At },
                new Membership
                {
                    Id = Membership.KeyOf(id, teacherId), TwinSpaceId = id, AccountId = teacherId, Role = TwinSpaceRole.TeacherAdministrator,
                    Kind = AccountKind.Teacher, DisplayName = "Ana (PT)", Country = "PT", IsFounder = true, JoinedAt = At,
                });
        Assert.True(await twinSpaces.TryAddMembersAsync([new Membership
        {
            Id = Membership.KeyOf(twinSpaceId, pupilId), TwinSpaceId = twinSpaceId, AccountId = pupilId, Role = TwinSpaceRole.Pupil,
            Kind = AccountKind.Pupil, DisplayName = "Fox", JoinedAt = At,
        }]));
        await twinSpaces.SaveTeamAsync(new PupilTeam
        {
            Id = Ids.New(), TwinSpaceId = twinSpaceId, Name = "Rivers", MemberIds = [pupilId], CreatedBy = teacherId, CreatedAt = At,
        });
        await twinSpaces.AddInvitationAsync(new Invitation
        {
            Id = Ids.New(), TwinSpaceId = twinSpaceId, Role = TwinSpaceRole.Teacher, CreatedBy = teacherId, ExpiresAt = At.AddDays(7),
        });

        var audit = provider.Get<IAuditLog>();
        for (var i = 0; i < AuditEntries; i++)
            await audit.AppendAsync(twinSpaceId, AuditEntry.Of(At.AddSeconds(i), teacherId, "Ana (PT)", AuditActions.RoleChanged, pupilId, $"change {i}"));
        await audit.AppendAsync(otherId, AuditEntry.Of(At, teacherId, "Ana (PT)", AuditActions.RoleChanged, null, "other"));

        var moderation = provider.Get<IModerationStore>();
        await moderation.SetWordListAsync(twinSpaceId, [new WordFilterRule("darn", WordFilterAction.Mask), new WordFilterRule("scam", WordFilterAction.HoldForReview)]);
        var held = await moderation.AddOrMergeReviewItemAsync(twinSpaceId, ReviewItem(pupilId, "chat/c1/m1", At));
        await moderation.AddOrMergeReviewItemAsync(twinSpaceId, ReviewItem(pupilId, "chat/c1/m2", At.AddMinutes(1)));
        Assert.True(await moderation.TryResolveReviewItemAsync(twinSpaceId,
            held with { State = ReviewState.Approved, ResolvedBy = teacherId, ResolvedAt = At.AddMinutes(2) }));
        await moderation.SetMuteAsync(twinSpaceId, new Mute
        {
            Id = Mute.KeyOf("chat", pupilId), Scope = "chat", AccountId = pupilId, Until = At.AddHours(1), Reason = "calm down", MutedBy = teacherId,
        });

        var updates = provider.Get<IUpdateStore>();
        var journal = new List<TwinSpaceUpdate>();
        for (var i = 0; i < JournalEntries; i++) journal.Add(await updates.AppendAsync(Update(twinSpaceId, UpdateKind.Journal, teacherId, $"j{i}")));
        await updates.AppendAsync(Update(twinSpaceId, UpdateKind.Bulletin, teacherId, "b0"));
        Assert.NotNull(await updates.TryReplaceAsync(journal[0] with { Text = "edited", EditedAt = At.AddHours(1) }, expectedVersion: 1));

        var blobs = provider.Get<IBlobStore>();
        var shared = await AddBlobAsync(blobs, "the same picture in two places"u8.ToArray());
        await AddBlobAsync(blobs, "the same picture in two places"u8.ToArray());
        var thumbnail = await AddBlobAsync(blobs, "a thumbnail"u8.ToArray());

        var materials = provider.Get<IMaterialStore>();
        var album = new MaterialCollection
        {
            Id = Ids.New(), TwinSpaceId = twinSpaceId, Kind = MaterialCollectionKind.Album, Title = "Our river", CreatedBy = teacherId, CreatedAt = At,
        };
        await materials.AddCollectionAsync(album);
        var material = new Material
        {
            Id = Ids.New(), TwinSpaceId = twinSpaceId, CollectionId = album.Id, Kind = MaterialKind.Image, Status = MaterialStatus.Ready,
            Title = "River", FileName = "river.png", ContentType = "image/png", SizeBytes = 30, Width = 4, Height = 3, UploadedBy = teacherId,
            UploaderName = "Ana (PT)", UploadedAt = At, Sha256 = shared,
            Variants = [new StoredVariant { Variant = MaterialVariant.Thumbnail, Sha256 = thumbnail, ContentType = "image/webp", SizeBytes = 11, Width = 2, Height = 1 }],
        };
        Assert.True(await materials.TryAddAsync(material, quotaBytes: 1_000_000));
        Assert.NotNull(await materials.TryReplaceAsync(material with { Title = "Our river", Version = 1 }, expectedVersion: 1));
        await materials.SetAvatarAsync(twinSpaceId, pupilId, new MemberAvatar { Id = pupilId, Sha256 = shared, UpdatedAt = At });

        return new TransferSeed
        {
            TwinSpaceId = twinSpaceId, OtherTwinSpaceId = otherId, Code = code, TeacherId = teacherId, TeacherEmail = email,
            PupilId = pupilId, PupilUsername = "fox", SharedBlob = shared,
        };
    }

    public static TwinSpaceUpdate Update(string twinSpaceId, UpdateKind kind, string authorId, string clientId) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Kind = kind, ClientId = clientId, AuthorId = authorId, AuthorName = "Ana (PT)",
        Title = $"Entry {clientId}", Text = "We measured the river today.", CreatedAt = At,
    };

    private static ReviewItem ReviewItem(string authorId, string contentKey, DateTime at) => new()
    {
        Id = Ids.New(), ContentKind = "chat", ContainerId = "c1", ContentId = contentKey[^2..], ContentKey = contentKey, AuthorId = authorId,
        AuthorName = "Fox", Excerpt = "a scam", Reason = ReviewReason.Held, CreatedAt = at,
    };

    private static async Task<string> AddBlobAsync(IBlobStore blobs, byte[] content)
    {
        var path = blobs.NewTempPath();
        await File.WriteAllBytesAsync(path, content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        await blobs.AddAsync(path, hash, content.Length);
        return hash;
    }
}
