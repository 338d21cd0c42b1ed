using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Accounts;

public sealed class LoginThrottleTests : IDisposable
{
    private readonly LoginThrottle _throttle = new(Options.Create(new RateLimitOptions
    {
        LoginPermitsPerAccountPerMinute = 3,
        PupilLoginPermitsPerTwinSpacePerMinute = 5,
    }));

    [Fact]
    public void One_pupil_account_gets_its_attempts_however_the_code_and_name_are_spelled()
    {
        _throttle.DemandPupil("ABCD-EFGH", "fox12");
        _throttle.DemandPupil("abcd efgh", " FOX12 ");
        _throttle.DemandPupil("abcdefgh", "Fox12");
        AssertRateLimited(() => _throttle.DemandPupil("ABCDEFGH", "fox12"));
        _throttle.DemandPupil("ABCDEFGH", "owl7");
    }

    [Fact]
    public void A_twinspace_code_gets_its_attempts_over_all_usernames()
    {
        for (var i = 0; i < 5; i++) _throttle.DemandPupil("ABCDEFGH", $"pupil{i}");
        AssertRateLimited(() => _throttle.DemandPupil("ABCDEFGH", "pupil99"));
        _throttle.DemandPupil("HJKMNPQR", "pupil99");
    }

    [Fact]
    public void A_teacher_account_gets_its_attempts_and_is_not_confused_with_a_pupil()
    {
        for (var i = 0; i < 3; i++) _throttle.DemandTeacher(i % 2 == 0 ? "ana@school.test" : " ANA@School.test");
        AssertRateLimited(() => _throttle.DemandTeacher("ana@school.test"));
        _throttle.DemandPupil("ANA@SCHOOL.TEST", "");
        _throttle.DemandTeacher("ben@school.test");
    }

    public void Dispose() => _throttle.Dispose();

    private static void AssertRateLimited(Action demand) => Assert.Equal(ErrorCodes.RateLimited, Assert.Throws<CollabException>(demand).Code);
}
