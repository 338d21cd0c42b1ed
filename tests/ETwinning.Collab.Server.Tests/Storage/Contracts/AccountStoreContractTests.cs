using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What every <see cref="IAccountStore"/> must do: unique e-mails and usernames, single-use refresh tokens, exact login counters.</summary>
public abstract class AccountStoreContractTests : StoreContract<IAccountStore>
{
    private const int Concurrent = 50;
    private static readonly DateTime LockUntil = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Teacher_e_mails_are_unique_also_when_registered_at_once()
    {
        var teacher = Teacher();
        Assert.True(await Store.TryAddTeacherAsync(teacher));
        Assert.False(await Store.TryAddTeacherAsync(teacher with { Id = Ids.New() }));

        var email = $"{Ids.New()}@school.test";
        var attempts = await Task.WhenAll(Enumerable.Range(0, Concurrent)
            .Select(_ => Task.Run(() => Store.TryAddTeacherAsync(Teacher() with { Email = email }))));
        Assert.Single(attempts, added => added);
        Assert.Equal(email, (await Store.FindTeacherByEmailAsync(email))!.Email);
    }

    [Fact]
    public async Task Pupil_usernames_are_unique_per_TwinSpace_and_a_clashing_batch_stores_nothing()
    {
        var (spaceA, spaceB) = (NewTwinSpaceId(), NewTwinSpaceId());
        var fox = Pupil(spaceA, "fox12");
        Assert.True(await Store.TryAddPupilsAsync([fox]));

        var owl = Pupil(spaceA, "owl34");
        Assert.False(await Store.TryAddPupilsAsync([owl, Pupil(spaceA, "fox12")]));
        Assert.Null(await Store.FindPupilAsync(owl.Id));
        Assert.False(await Store.PupilUsernameExistsAsync(spaceA, "owl34"));
        var twice = Pupil(spaceA, "lynx56");
        Assert.False(await Store.TryAddPupilsAsync([twice, Pupil(spaceA, "lynx56")]));
        Assert.Null(await Store.FindPupilAsync(twice.Id));

        var otherFox = Pupil(spaceB, "fox12");
        Assert.True(await Store.TryAddPupilsAsync([otherFox]));
        Assert.Equal(fox.Id, (await Store.FindPupilByUsernameAsync(spaceA, "fox12"))!.Id);
        Assert.Equal(otherFox.Id, (await Store.FindPupilByUsernameAsync(spaceB, "fox12"))!.Id);
        Assert.True(await Store.PupilUsernameExistsAsync(spaceB, "fox12"));
    }

    [Fact]
    public async Task Of_batches_racing_for_one_username_exactly_one_is_stored()
    {
        var twinSpaceId = NewTwinSpaceId();
        var batches = Enumerable.Range(0, Concurrent).Select(i => new[] { Pupil(twinSpaceId, $"own{i}"), Pupil(twinSpaceId, "otter77") }).ToList();
        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Store.TryAddPupilsAsync(batch))));

        Assert.Single(results, added => added);
        var winner = batches[Array.IndexOf(results, true)];
        Assert.Equal(winner[1].Id, (await Store.FindPupilByUsernameAsync(twinSpaceId, "otter77"))!.Id);
        for (var i = 0; i < batches.Count; i++)
            Assert.Equal(results[i], await Store.FindPupilAsync(batches[i][0].Id) is not null);
    }

    [Fact]
    public async Task Deleting_the_pupils_of_one_TwinSpace_leaves_the_others()
    {
        var (spaceA, spaceB) = (NewTwinSpaceId(), NewTwinSpaceId());
        PupilAccount[] ofA = [Pupil(spaceA, "fox1"), Pupil(spaceA, "owl2")];
        var ofB = Pupil(spaceB, "fox1");
        Assert.True(await Store.TryAddPupilsAsync(ofA));
        Assert.True(await Store.TryAddPupilsAsync([ofB]));

        await Store.DeletePupilsOfTwinSpaceAsync(spaceA);
        Assert.Null(await Store.FindPupilAsync(ofA[0].Id));
        Assert.False(await Store.PupilUsernameExistsAsync(spaceA, "fox1"));
        Assert.NotNull(await Store.FindPupilAsync(ofB.Id));
        await Store.DeletePupilAsync(ofB.Id);
        Assert.Null(await Store.FindPupilAsync(ofB.Id));
    }

    [Fact]
    public async Task A_refresh_token_is_spent_once_even_when_spent_at_once()
    {
        var token = Token(Ids.New(), Ids.New());
        await Store.AddRefreshTokenAsync(token);
        var spends = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => Task.Run(() => Store.TrySpendRefreshTokenAsync(token.Id))));

        Assert.Single(spends, spent => spent);
        Assert.True((await Store.FindRefreshTokenAsync(token.Id))!.Spent);
        Assert.False(await Store.TrySpendRefreshTokenAsync(token.Id));
        Assert.False(await Store.TrySpendRefreshTokenAsync(Ids.Hash("never issued")));
    }

    [Fact]
    public async Task Revoking_a_family_removes_its_chain_and_only_its_chain()
    {
        var accountId = Ids.New();
        var (family, otherFamily) = (Ids.New(), Ids.New());
        RefreshTokenRecord[] chain = [Token(accountId, family), Token(accountId, family) with { Spent = true }];
        var other = Token(accountId, otherFamily);
        foreach (var token in chain.Append(other)) await Store.AddRefreshTokenAsync(token);

        await Store.RevokeRefreshFamilyAsync(family);
        foreach (var token in chain)
        {
            Assert.Null(await Store.FindRefreshTokenAsync(token.Id));
            Assert.False(await Store.TrySpendRefreshTokenAsync(token.Id));
        }
        Assert.NotNull(await Store.FindRefreshTokenAsync(other.Id));

        var stranger = Token(Ids.New(), Ids.New());
        await Store.AddRefreshTokenAsync(stranger);
        await Store.RevokeRefreshTokensOfAccountAsync(accountId);
        Assert.Null(await Store.FindRefreshTokenAsync(other.Id));
        Assert.NotNull(await Store.FindRefreshTokenAsync(stranger.Id));
    }

    [Theory]
    [InlineData(AccountKind.Teacher)]
    [InlineData(AccountKind.Pupil)]
    public async Task Failed_logins_recorded_at_once_are_each_counted(AccountKind kind)
    {
        var accountId = await AddAccountAsync(kind);
        var counts = await Task.WhenAll(Enumerable.Range(0, Concurrent)
            .Select(_ => Task.Run(() => Store.RecordFailedLoginAsync(kind, accountId, maxFailures: 1_000, LockUntil))));

        // Each step saw its own count: 1..N, none lost to another.
        Assert.Equal(Enumerable.Range(1, Concurrent), counts.Select(state => state!.FailedLogins).Order());
        Assert.Equal(new LoginAttempts(Concurrent, null), await AttemptsAsync(kind, accountId));
    }

    [Theory]
    [InlineData(AccountKind.Teacher)]
    [InlineData(AccountKind.Pupil)]
    public async Task Failures_racing_to_the_limit_lock_the_account(AccountKind kind)
    {
        const int MaxFailures = 5;
        var accountId = await AddAccountAsync(kind);
        var states = await Task.WhenAll(Enumerable.Range(0, MaxFailures)
            .Select(_ => Task.Run(() => Store.RecordFailedLoginAsync(kind, accountId, MaxFailures, LockUntil))));

        Assert.Single(states, state => state!.LockedUntil == LockUntil);
        Assert.Equal(new LoginAttempts(0, LockUntil), await AttemptsAsync(kind, accountId));
    }

    [Theory]
    [InlineData(AccountKind.Teacher)]
    [InlineData(AccountKind.Pupil)]
    public async Task A_successful_login_clears_the_count_but_not_a_lock_that_still_holds(AccountKind kind)
    {
        var accountId = await AddAccountAsync(kind);
        await Store.RecordFailedLoginAsync(kind, accountId, maxFailures: 3, LockUntil);
        Assert.Equal(new LoginAttempts(0, null), await Store.RecordSuccessfulLoginAsync(kind, accountId, LockUntil.AddDays(-1)));

        for (var i = 0; i < 3; i++) await Store.RecordFailedLoginAsync(kind, accountId, maxFailures: 3, LockUntil);
        Assert.Equal(new LoginAttempts(0, LockUntil), await Store.RecordSuccessfulLoginAsync(kind, accountId, LockUntil.AddMinutes(-1)));
        Assert.Equal(new LoginAttempts(0, LockUntil), await AttemptsAsync(kind, accountId));

        Assert.Equal(new LoginAttempts(0, null), await Store.RecordSuccessfulLoginAsync(kind, accountId, LockUntil.AddMinutes(1)));
        Assert.Equal(new LoginAttempts(0, null), await AttemptsAsync(kind, accountId));
    }

    [Fact]
    public async Task Login_counters_of_unknown_accounts_are_null_and_kinds_do_not_mix()
    {
        var teacherId = await AddAccountAsync(AccountKind.Teacher);
        Assert.Null(await Store.RecordFailedLoginAsync(AccountKind.Pupil, teacherId, 5, LockUntil));
        Assert.Null(await Store.RecordSuccessfulLoginAsync(AccountKind.Pupil, teacherId, LockUntil));
        Assert.Null(await Store.RecordFailedLoginAsync(AccountKind.Teacher, Ids.New(), 5, LockUntil));
        Assert.Equal(new LoginAttempts(0, null), await AttemptsAsync(AccountKind.Teacher, teacherId));
    }

    [Fact]
    public async Task Updates_replace_the_record()
    {
        var teacher = Teacher();
        await Store.TryAddTeacherAsync(teacher);
        await Store.UpdateTeacherAsync(teacher with { IsValidated = true, DisplayName = "Renamed" });
        Assert.Equal(teacher with { IsValidated = true, DisplayName = "Renamed" }, await Store.FindTeacherAsync(teacher.Id));

        var pupil = Pupil(NewTwinSpaceId(), "fox1");
        await Store.TryAddPupilsAsync([pupil]);
        await Store.UpdatePupilAsync(pupil with { PasswordHash = "new-hash" });
        Assert.Equal("new-hash", (await Store.FindPupilAsync(pupil.Id))!.PasswordHash);
    }

    [Fact]
    public async Task Everything_written_survives_a_restart()
    {
        var teacher = Teacher();
        var pupil = Pupil(NewTwinSpaceId(), "fox1");
        var token = Token(teacher.Id, Ids.New());
        await Store.TryAddTeacherAsync(teacher);
        await Store.TryAddPupilsAsync([pupil]);
        await Store.AddRefreshTokenAsync(token);
        await Store.TrySpendRefreshTokenAsync(token.Id);
        await Store.RecordFailedLoginAsync(AccountKind.Pupil, pupil.Id, 5, LockUntil);

        await RestartAsync();

        Assert.Equal(teacher, await Store.FindTeacherByEmailAsync(teacher.Email));
        Assert.Equal(pupil with { FailedLogins = 1 }, await Store.FindPupilByUsernameAsync(pupil.TwinSpaceId, "fox1"));
        Assert.False(await Store.TrySpendRefreshTokenAsync(token.Id));
        Assert.False(await Store.TryAddTeacherAsync(teacher with { Id = Ids.New() }));
    }

    private async Task<string> AddAccountAsync(AccountKind kind)
    {
        if (kind == AccountKind.Teacher)
        {
            var teacher = Teacher();
            Assert.True(await Store.TryAddTeacherAsync(teacher));
            return teacher.Id;
        }
        var pupil = Pupil(NewTwinSpaceId(), "fox1");
        Assert.True(await Store.TryAddPupilsAsync([pupil]));
        return pupil.Id;
    }

    private async Task<LoginAttempts> AttemptsAsync(AccountKind kind, string accountId) => kind == AccountKind.Teacher
        ? (await Store.FindTeacherAsync(accountId)) is { } teacher ? new(teacher.FailedLogins, teacher.LockedUntil) : throw new InvalidOperationException()
        : (await Store.FindPupilAsync(accountId)) is { } pupil ? new(pupil.FailedLogins, pupil.LockedUntil) : throw new InvalidOperationException();

    private static TeacherAccount Teacher() => new()
    {
        Id = Ids.New(), Email = $"{Ids.New()}@school.test", DisplayName = "Teacher", Country = "AT", PasswordHash = "hash",
        CreatedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc),
    };

    private static PupilAccount Pupil(string twinSpaceId, string username) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Username = username, ScopedUsername = PupilAccount.Scope(twinSpaceId, username),
        Nickname = username, PasswordHash = "hash", CreatedBy = "teacher", CreatedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc),
    };

    private static RefreshTokenRecord Token(string accountId, string family) => new()
    {
        Id = Ids.Hash(Ids.Secret()), AccountId = accountId, Family = family, ExpiresAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
