namespace ETwinning.Collab.Crdt;

/// <summary>Why a document refused an update under its <see cref="YUpdateLimits"/>.</summary>
public enum CrdtLimitReason
{
    /// <summary>Integrating it would cost more than <see cref="YUpdateLimits.MaxConflictSteps"/>.</summary>
    TooMuchWork,

    /// <summary>It depends on history the document lacks (<see cref="YUpdateLimits.RefuseMissingDependencies"/>).</summary>
    MissingDependencies,
}
