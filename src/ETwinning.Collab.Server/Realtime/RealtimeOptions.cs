using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Realtime;

public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Largest single hub message a client may send; larger ones close the connection.</summary>
    [Range(1_024, 16 * 1024 * 1024)] public long MaximumReceiveMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 600)] public int KeepAliveSeconds { get; set; } = 15;

    [Range(2, 1_200)] public int ClientTimeoutSeconds { get; set; } = 30;

    /// <summary>Invocations a connection may have running at once.</summary>
    [Range(1, 16)] public int MaximumParallelInvocationsPerClient { get; set; } = 1;
}
