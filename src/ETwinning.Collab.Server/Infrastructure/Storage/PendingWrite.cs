using System.Diagnostics;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>A write waiting in a file's queue; its task completes only after the batch holding it committed.</summary>
internal abstract class PendingWrite
{
    public abstract void Execute(LiteDatabase database);
    public abstract void Acknowledge();
    public abstract void Fail(Exception error);
}

internal sealed class PendingWrite<T>(Func<LiteDatabase, T> write) : PendingWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _queuedAt = Stopwatch.GetTimestamp();
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Execute(LiteDatabase database) => _result = write(database);

    public override void Acknowledge()
    {
        CollabMetrics.RecordWrite("litedb", _queuedAt, committed: true);
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception error)
    {
        CollabMetrics.RecordWrite("litedb", _queuedAt, committed: false);
        _completion.TrySetException(error);
    }
}
