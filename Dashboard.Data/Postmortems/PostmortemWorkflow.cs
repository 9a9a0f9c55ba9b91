
namespace Dashboard.Data.Postmortems;

public sealed record WorkflowMove(PostmortemStatus To, string Label, bool NeedsReason);

/// <summary>
/// Draft → In review → Published, back to draft from review, and a reopen from Published (which
/// needs a reason, because it unlocks a document people may already have read).
/// </summary>
public static class PostmortemWorkflow
{
    public static IReadOnlyList<WorkflowMove> MovesFrom(PostmortemStatus status) => status switch
    {
        PostmortemStatus.Draft => [new(PostmortemStatus.InReview, "Submit for review", false)],
        PostmortemStatus.InReview => [new(PostmortemStatus.Published, "Publish", false), new(PostmortemStatus.Draft, "Back to draft", false)],
        PostmortemStatus.Published => [new(PostmortemStatus.Draft, "Reopen", true)],
        _ => [],
    };

    /// <summary>What the audit trail calls a move: submitted, published, returned (to draft from review) or reopened.</summary>
    public static string AuditAction(PostmortemStatus from, PostmortemStatus to) => (from, to) switch
    {
        (_, PostmortemStatus.InReview) => AuditActions.PostmortemSubmitted,
        (_, PostmortemStatus.Published) => AuditActions.PostmortemPublished,
        (PostmortemStatus.Published, _) => AuditActions.PostmortemReopened,
        _ => AuditActions.PostmortemReturned,
    };

    /// <summary>Publishing and reopening decide what the organisation stands behind: admins only. Other moves are a responder's.</summary>
    public static Permission PermissionFor(PostmortemStatus from, PostmortemStatus to) =>
        to == PostmortemStatus.Published || from == PostmortemStatus.Published ? Permission.Administer : Permission.Respond;

    /// <summary>Published documents are locked: only a recorded reopen makes them editable again.</summary>
    public static bool IsLocked(PostmortemStatus status) => status == PostmortemStatus.Published;

    /// <summary>What is wrong with the move, or null when it may happen.</summary>
    public static string? Check(PostmortemStatus from, PostmortemStatus to, string? by, string? note, bool hasText)
    {
        var move = MovesFrom(from).FirstOrDefault(m => m.To == to);
        if (move is null) return $"A postmortem cannot move from {Names.Of(from)} to {Names.Of(to)}.";
        if (string.IsNullOrWhiteSpace(by)) return "Say who you are: your name is recorded with the move.";
        if (by.Trim().Length > Limits.PersonLength) return $"The name is longer than {Limits.PersonLength} characters.";
        if (move.NeedsReason && string.IsNullOrWhiteSpace(note)) return "Say why it is reopened: the reason is recorded with the move.";
        if ((note?.Trim().Length ?? 0) > Limits.TransitionNoteLength) return $"The note is longer than {Limits.TransitionNoteLength} characters.";
        if (to != PostmortemStatus.Draft && !hasText) return "The postmortem is empty: write and save it first.";
        return null;
    }
}
