using Dashboard.Data.Actions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Trackers;

/// <summary>
/// Connecting trackers, asking for an action's issue, and what the worker and the trackers' webhooks
/// report back: every one through the door, so each lands in the audit trail and reaches open views.
/// </summary>
public sealed class TrackerCommands(WriteDoor door)
{
    private const string Subject = "tracker";
    private const string IssueSubject = "tracker issue";

    /// <summary>Names the writes of the worker and of the trackers' webhooks start with; their action edits are not sent back out.</summary>
    public const string ActorPrefix = "tracker:";

    /// <summary>The actor of one connection's worker calls and webhooks: it sees every incident, as the system does, and may respond.</summary>
    public static Actor ActorFor(string connectionName, TrackerKind kind) =>
        new(ActorKind.System, ActorPrefix + connectionName, Role.Responder, ChangeSource.Import) { DisplayName = Label(kind) };

    public static string Label(TrackerKind kind) => kind == TrackerKind.GitHub ? "GitHub" : "Jira";

    private static ChangeScope[] Scopes(int incidentId) => [ChangeScope.Incident(incidentId), ChangeScope.Actions];

    public Task<CommandResult> ConnectAsync(Actor actor, TrackerConnectionInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var errors = TrackerRules.Validate(input);
            if (errors.Count > 0) return w.Invalid(errors);
            var name = input.Name.Trim();
            if (await w.Db.TrackerConnections.AnyAsync(c => c.Name == name, ct))
                return w.Invalid(nameof(input.Name), $"A tracker named '{name}' is already connected.");
            var connection = new TrackerConnection
            {
                Name = name, Kind = input.Kind, BaseUrl = input.BaseUrl.Trim().TrimEnd('/'), Project = input.Project.Trim(),
                Labels = string.Join(",", TrackerRules.LabelsOf(input.Labels)) is { Length: > 0 } labels ? labels : null,
                IssueType = string.IsNullOrWhiteSpace(input.IssueType) ? null : input.IssueType.Trim(),
                CreatedAt = w.Now, Version = Guid.NewGuid(),
            };
            w.Db.TrackerConnections.Add(connection);
            w.Audit(AuditActions.TrackerConnected, connection).Publish(ChangeScope.Actions);
            return w.Done(connection);
        }, ct);

    /// <summary>Disconnects: the links to its issues go with it; the issues stay in the tracker and the actions keep their tracker link.</summary>
    public Task<CommandResult> DisconnectAsync(Actor actor, int id, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var connection = await w.Db.TrackerConnections.SingleOrDefaultAsync(c => c.Id == id, ct);
            if (connection is null) return w.NotFound();
            w.Expect(connection, version);
            w.Db.TrackerConnections.Remove(connection);
            w.Audit(AuditActions.TrackerDisconnected, connection).Publish(ChangeScope.Actions);
            return w.Done(connection);
        }, ct);

    /// <summary>
    /// Asks for the action's issue in the connected tracker: the link row and its create call are
    /// written together, and the worker makes the call. Asked again (another tab, a retried
    /// request), the existing link is the answer and nothing more is queued (<see cref="CommandResult.Count"/> 0).
    /// </summary>
    public Task<CommandResult> RequestIssueAsync(Actor actor, int actionId, int connectionId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, IssueSubject, async w =>
        {
            var action = await w.Db.RemediationActions.Where(a => a.Id == actionId)
                .Select(a => new { a.Id, a.IncidentId, a.Incident!.IsPrivate }).SingleOrDefaultAsync(ct);
            if (action is null) return CommandResult.NotFound("action");
            if (!await w.Db.TrackerConnections.AnyAsync(c => c.Id == connectionId, ct)) return CommandResult.NotFound(Subject);
            var existing = await w.Db.TrackerIssues.SingleOrDefaultAsync(i => i.ActionId == actionId && i.ConnectionId == connectionId, ct);
            if (existing is not null)
            {
                // Read by the door for its visibility check, like a new row would be.
                w.Db.Entry(existing).State = EntityState.Unchanged;
                return CommandResult.Ok(IssueSubject, existing.Id, existing.Version, existing.IssueKey) with { Count = 0 };
            }
            // A tracker's readers are outside the incident: a private incident's work never leaves through it.
            if (action.IsPrivate)
                return w.Invalid("", "This incident is private: its actions are not sent to trackers, whose readers may not see it.");
            var issue = new TrackerIssue
            {
                ActionId = actionId, IncidentId = action.IncidentId, ConnectionId = connectionId, State = TrackerIssueState.Requested,
                CreatedAt = w.Now, CreatedBy = w.Actor.DisplayName, Version = Guid.NewGuid(),
            };
            w.Db.TrackerIssues.Add(issue);
            w.Db.TrackerCalls.Add(new TrackerCall { TrackerIssue = issue, Kind = TrackerCallKind.Create, CreatedAt = w.Now, NextAttemptAt = w.Now });
            w.Audit(AuditActions.TrackerIssueRequested, issue).Publish(Scopes(action.IncidentId));
            return w.Done(issue) with { Count = 1 };
        }, ct);

    /// <summary>
    /// The tracker opened the issue: the link keeps its key and address, the create call is done in
    /// the same transaction, and an action without a tracker link gets the issue's.
    /// </summary>
    public Task<CommandResult> RecordCreatedAsync(Actor worker, long callId, int trackerIssueId, CreatedIssue created, CancellationToken ct = default) =>
        door.RunAsync(worker, Permission.Respond, IssueSubject, async w =>
        {
            var issue = await w.Db.TrackerIssues.SingleOrDefaultAsync(i => i.Id == trackerIssueId, ct);
            if (issue is null) return w.NotFound();
            w.Expect(issue, issue.Version);
            (issue.IssueKey, issue.ExternalId, issue.IssueUrl, issue.RemoteUpdatedAt, issue.State) =
                (created.Key, created.ExternalId, created.Url, created.UpdatedAt, TrackerIssueState.Open);
            await w.Db.TrackerCalls.Where(c => c.Id == callId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, TrackerCallStatus.Done).SetProperty(c => c.LastAttemptAt, w.Now)
                    .SetProperty(c => c.LastError, (string?)null).SetProperty(c => c.ClaimToken, (Guid?)null), ct);
            w.Audit(AuditActions.TrackerIssueCreated, issue).Publish(Scopes(issue.IncidentId));
            var action = await w.Db.RemediationActions.SingleAsync(a => a.Id == issue.ActionId, ct);
            if (action.ExternalUrl is null && WebLinks.IsSafeHttpUrl(created.Url))
            {
                w.Expect(action, action.Version);
                action.ExternalUrl = created.Url;
                action.UpdatedAt = w.Now;
                w.Audit(AuditActions.ActionUpdated, action);
            }
            return w.Done(issue);
        }, ct);

    /// <summary>
    /// A change the tracker's webhook reported. Closing moves the action to done, or won't do when
    /// closed as not planned, with "closed in GitHub #123 by …" in its status history; reopening
    /// moves it back to open. For title and due date the newer change wins: a tracker edit older
    /// than the action's last edit is not applied, and the audit trail records the value that lost.
    /// Answers not found for an issue IncidentBoard did not open.
    /// </summary>
    public Task<CommandResult> ApplyRemoteAsync(Actor actor, int connectionId, RemoteIssueChange change, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, IssueSubject, async w =>
        {
            var issue = await w.Db.TrackerIssues.Include(i => i.Connection)
                .SingleOrDefaultAsync(i => i.ConnectionId == connectionId && i.ExternalId == change.ExternalId, ct);
            if (issue is null) return w.NotFound();
            var action = await w.Db.RemediationActions.SingleAsync(a => a.Id == issue.ActionId, ct);
            var where = $"{Label(issue.Connection!.Kind)} {issue.IssueKey}";
            string Said(string what) => Cut($"{what} in {where} by {change.By}");
            var versionBefore = action.Version;
            var actionChanged = false;
            var lost = new List<FieldChange>();

            if (change.ClosedAsDone is { } done)
            {
                issue.State = TrackerIssueState.Closed;
                var status = done ? ActionStatus.Done : ActionStatus.WontDo;
                if (action.Status != status)
                {
                    ActionRules.ApplyStatus(action, status, done ? null : Said("Closed as not planned"), w.Now, Said("closed"));
                    actionChanged = true;
                }
            }
            else if (change.Reopened)
            {
                issue.State = TrackerIssueState.Open;
                if (action.Status is ActionStatus.Done or ActionStatus.WontDo)
                {
                    ActionRules.ApplyStatus(action, ActionStatus.Open, null, w.Now, Said("reopened"));
                    actionChanged = true;
                }
            }

            var remoteIsNewer = change.UpdatedAt >= action.UpdatedAt;
            if (change.Title is { } title && (title = title.Trim()).Length > 0 && title != action.Title)
            {
                if (remoteIsNewer) { action.Title = Cut(title, Limits.TitleLength); actionChanged = true; }
                else lost.Add(new FieldChange("Title", title, action.Title));
            }
            if (change.DueDateChanged && change.DueDate != action.DueDate)
            {
                if (remoteIsNewer) { action.DueDate = change.DueDate; actionChanged = true; }
                else lost.Add(new FieldChange("DueDate", change.DueDate?.ToString("yyyy-MM-dd"), action.DueDate?.ToString("yyyy-MM-dd")));
            }
            if (change.AssigneeEmail is { Length: > 0 } email)
            {
                // Only an enabled account can own an action; an assignee with none here changes nothing.
                var normalized = email.Trim().ToUpperInvariant();
                var owner = await w.Db.Users.Where(u => u.NormalizedEmail == normalized && !u.IsDisabled).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
                if (owner is not null && owner.Id != action.OwnerUserId)
                {
                    // The shown name goes with the account, as when a form picks the owner.
                    if (remoteIsNewer) { (action.OwnerUserId, action.Owner) = (owner.Id, owner.DisplayName); actionChanged = true; }
                    else lost.Add(new FieldChange("OwnerUserId", owner.Id, action.OwnerUserId));
                }
            }

            w.Expect(issue, issue.Version);
            if (change.UpdatedAt > (issue.RemoteUpdatedAt ?? DateTime.MinValue)) issue.RemoteUpdatedAt = change.UpdatedAt;
            if (actionChanged)
            {
                w.Expect(action, versionBefore);
                action.UpdatedAt = w.Now;
                w.Audit(AuditActions.ActionUpdated, action).Publish(Scopes(action.IncidentId));
            }
            // The tracker's value that lost to a newer edit here: kept in the trail (old = the tracker's, new = the one kept).
            if (lost.Count > 0) w.Audit(AuditActions.TrackerIssueConflict, issue, lost).Publish(Scopes(action.IncidentId));
            return w.Done(issue) with { Count = actionChanged ? 1 : 0 };
        }, ct);

    private static string Cut(string text, int length = Limits.PersonLength) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>What a tracker answered to a create: the issue as people name it, its id in the API, its page and its last-updated time.</summary>
public sealed record CreatedIssue(string Key, string ExternalId, string Url, DateTime? UpdatedAt);
