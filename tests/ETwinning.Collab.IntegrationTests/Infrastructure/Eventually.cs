namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>Every await in these tests has a timeout: a hang fails the test instead of the CI run.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? DefaultTimeout);

    public static Task WithTimeout(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Retries an assertion until it holds or the time is up (for state that settles asynchronously).</summary>
    public static async Task AssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try { assertion(); return; }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(50); }
        }
    }

    /// <summary>Retries <paramref name="attempt"/> until it succeeds or the time is up (for a service coming back).</summary>
    public static async Task<T> ResultAsync<T>(Func<Task<T>> attempt, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try { return await attempt(); }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }
}
