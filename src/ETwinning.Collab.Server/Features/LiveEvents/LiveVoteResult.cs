namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>The outcome of a vote, with the vote as stored (the earlier one on a retry or second vote) and the poll after the write.</summary>
public sealed record LiveVoteResult(LiveVoteOutcome Outcome, LiveVote? Vote, LivePoll? Poll);
