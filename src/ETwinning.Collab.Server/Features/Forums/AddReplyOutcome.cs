namespace ETwinning.Collab.Server.Features.Forums;

public enum AddReplyOutcome
{
    Added,
    ThreadNotFound,
    ThreadLocked,
}
