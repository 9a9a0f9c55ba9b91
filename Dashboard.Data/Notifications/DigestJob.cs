using System.Text;
using Dashboard.Data.Deadlines;
using Dashboard.Data.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Notifications;

/// <summary>When a person's digest is due: the period that began at their chosen local hour (and weekday).</summary>
public static class DigestSchedule
{
    /// <summary>
    /// The period (its key and first local day) whose sending time has come at <paramref name="utcNow"/>,
    /// or null when the digest is off or the person's hour has not come yet in the current period. The
    /// hour is read in the person's zone on the period's own day, so it stays put across a clock change.
    /// </summary>
    public static (string Key, DateOnly Start)? DuePeriod(DigestFrequency frequency, int hour, DayOfWeek weekday, TimeZoneInfo zone, DateTime utcNow)
    {
        if (frequency is not (DigestFrequency.Daily or DigestFrequency.Weekly)) return null;
        var today = QuietHours.Today(utcNow, zone);
        var start = frequency == DigestFrequency.Daily ? today : today.AddDays(-(((int)today.DayOfWeek - (int)weekday + 7) % 7));
        var local = start.ToDateTime(new TimeOnly(Math.Clamp(hour, 0, 23), 0));
        // An hour that a spring-forward skips (02:00 in Berlin on the last Sunday of March) comes when the clocks have moved on.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        if (utcNow < TimeZoneInfo.ConvertTimeToUtc(local, zone)) return null;
        return ($"{(frequency == DigestFrequency.Daily ? "daily" : "weekly")}:{start:yyyy-MM-dd}", start);
    }
}

/// <summary>
/// The daily or weekly digest per person: their overdue open actions and those due in the next 7
/// days (counted in their zone), postmortems waiting for their review, their overdue postmortems;
/// and, for a team lead, the same for each team they lead. Only what the person may see (the
/// visibility rule, per person). Nothing is sent for an empty digest.
/// </summary>
/// <remarks>
/// Set-based: one read finds who is due, a few reads (no write lock) load the actions, leads,
/// participants and postmortems of all of them; then each batch of people is one short door write
/// that records the period handled for each of them in the same transaction as their mail. A write
/// lock is so held for one batch at most, and a restart (or a second instance) finds the period
/// recorded and sends it never again.
/// </remarks>
public sealed class DigestJob(WriteDoor door, IDbContextFactory<IncidentBoardDbContext> dbFactory, PostmortemDeadlines deadlines,
    IOptions<PublicAddress> publicAddress, IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <summary>Lines per list in one mail; the rest are counted and linked.</summary>
    public const int MaxLines = 20;

    private sealed record Recipient(string Id, string Email, string Name, Role Role, TimeZoneInfo Zone, string Period, DigestFrequency Frequency, DateOnly Start);

    private sealed record ActionLine(int Id, string Title, DateOnly Due, string? OwnerUserId, string? Owner, string? Team, int IncidentId, string Slug, string IncidentTitle, bool IsPrivate);

    private sealed record PostmortemLine(int IncidentId, string Slug, string Title, DateOnly? Due, bool IsPrivate);

    /// <summary>Sends every digest that is due now; returns how many mails were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await DueAsync(now, ct);
        if (due.Count == 0) return 0;

        // Read once, before any write takes the lock: the overdue postmortems (the deadlines' own rule),
        // their teams and participants, the postmortems in review (reviewers are admins and owners, who
        // see all), the leads among these people, and the open actions due within the week of them and
        // of their teams, in one range read (as many reads per batch cost more than the one).
        var overdue = (await deadlines.PendingAsync(Actor.System, overdueOnly: true, ct: ct)).ToDictionary(p => p.IncidentId);
        var overdueIds = overdue.Keys.ToList();
        var dueIds = due.Select(r => r.Id).ToList();
        List<PostmortemLine> inReview;
        ILookup<int, string> overdueTeams, overdueParticipants;
        Dictionary<int, bool> overduePrivate;
        ILookup<string, string> leads;
        List<ActionLine> actions;
        HashSet<(int IncidentId, string UserId)> participants;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            inReview = due.Any(r => r.Role >= Role.Admin)
                ? await db.Incidents.AsNoTracking().Where(i => i.PostmortemStatus == PostmortemStatus.InReview).OrderBy(i => i.Slug)
                    .Select(i => new PostmortemLine(i.Id, i.Slug, i.Title, null, i.IsPrivate)).ToListAsync(ct)
                : [];
            overdueTeams = (await db.ServiceImpacts.AsNoTracking().Where(s => overdueIds.Contains(s.IncidentId) && s.Service!.OwnerTeam != null)
                .Select(s => new { s.IncidentId, s.Service!.OwnerTeam }).Distinct().ToListAsync(ct)).ToLookup(s => s.IncidentId, s => s.OwnerTeam!);
            overdueParticipants = (await db.IncidentParticipants.AsNoTracking().Where(p => overdueIds.Contains(p.IncidentId))
                .Select(p => new { p.IncidentId, p.UserId }).Distinct().ToListAsync(ct)).ToLookup(p => p.IncidentId, p => p.UserId);
            overduePrivate = await db.Incidents.AsNoTracking().Where(i => overdueIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.IsPrivate, ct);
            leads = (await db.TeamLeads.AsNoTracking().Where(t => dueIds.Contains(t.UserId)).Select(t => new { t.UserId, t.Team }).ToListAsync(ct))
                .ToLookup(t => t.UserId, t => t.Team);
            var teams = leads.SelectMany(l => l).Distinct().ToList();
            // A day's slack past the longest horizon: somebody's local date is at most a day from UTC's.
            var horizon = DateOnly.FromDateTime(now).AddDays(8);
            actions = await db.RemediationActions.AsNoTracking()
                .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate != null && a.DueDate <= horizon
                    && ((a.OwnerUserId != null && dueIds.Contains(a.OwnerUserId)) || (a.Team != null && teams.Contains(a.Team))))
                .Select(a => new ActionLine(a.Id, a.Title, a.DueDate!.Value, a.OwnerUserId, a.Owner, a.Team, a.IncidentId, a.Incident!.Slug, a.Incident.Title, a.Incident.IsPrivate))
                .ToListAsync(ct);
            var privateIds = actions.Where(a => a.IsPrivate).Select(a => a.IncidentId).Distinct().ToList();
            participants = (await db.IncidentParticipants.AsNoTracking().Where(p => privateIds.Contains(p.IncidentId))
                .Select(p => new { p.IncidentId, p.UserId }).ToListAsync(ct)).Select(p => (p.IncidentId, p.UserId)).ToHashSet();
        }
        var overdueLines = overdue.Values.Where(p => overduePrivate.ContainsKey(p.IncidentId))
            .Select(p => new PostmortemLine(p.IncidentId, p.Slug, p.Title, p.DueDate, overduePrivate[p.IncidentId])).ToList();
        foreach (var p in overdueLines.Where(p => p.IsPrivate))
            foreach (var userId in overdueParticipants[p.IncidentId]) participants.Add((p.IncidentId, userId));
        var byOwner = actions.Where(a => a.OwnerUserId is not null).ToLookup(a => a.OwnerUserId!);
        var byTeam = actions.Where(a => a.Team is not null).ToLookup(a => a.Team!);

        var queued = 0;
        foreach (var batch in due.Chunk(Math.Max(1, options.Value.DigestBatchSize)))
        {
            // Each batch is one short write: it records the periods and queues the mails.
            await door.RunAsync(Actor.System, Permission.Read, "notification", async w =>
            {
                var ids = batch.Select(r => r.Id).ToList();
                // Again inside the write: another instance may have sent some of them since the first read.
                var handled = (await w.Db.DigestsSent.AsNoTracking().Where(d => ids.Contains(d.UserId) && d.SentAt >= now.AddDays(-8))
                    .Select(d => new { d.UserId, d.Period }).ToListAsync(ct)).Select(d => (d.UserId, d.Period)).ToHashSet();
                var people = batch.Where(r => !handled.Contains((r.Id, r.Period))).ToList();
                if (people.Count == 0) return CommandResult.Ok("notification");
                ids = [.. people.Select(r => r.Id)];
                // Tracked: a person's first mail gives them the secret that signs their unsubscribe link.
                var settings = await w.Db.NotificationSettings.Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
                // The outbox looks at the context's own rows for every mail: without this, each look would
                // first compare every tracked row with its snapshot. The door's save detects the changes.
                w.Db.ChangeTracker.AutoDetectChangesEnabled = false;

                foreach (var person in people)
                {
                    // The visibility rule for this person: a private incident only for its participants, admins and owners.
                    bool Sees(int incidentId, bool isPrivate) => !isPrivate || person.Role >= Role.Admin || participants.Contains((incidentId, person.Id));
                    var today = QuietHours.Today(now, person.Zone);
                    var own = byOwner[person.Id].Where(a => Sees(a.IncidentId, a.IsPrivate)).ToList();
                    var digest = new DigestContent(today,
                        [.. own.Where(a => a.Due < today)], [.. own.Where(a => a.Due >= today && a.Due <= today.AddDays(6))],
                        person.Role >= Role.Admin ? inReview : [],
                        [.. overdueLines.Where(p => overdueParticipants[p.IncidentId].Contains(person.Id) && Sees(p.IncidentId, p.IsPrivate))],
                        [.. leads[person.Id].Order(StringComparer.Ordinal).Select(team =>
                        {
                            var theirs = byTeam[team].Where(a => a.OwnerUserId != person.Id && Sees(a.IncidentId, a.IsPrivate)).ToList();
                            return new TeamContent(team, [.. theirs.Where(a => a.Due < today)], [.. theirs.Where(a => a.Due >= today && a.Due <= today.AddDays(6))],
                                [.. overdueLines.Where(p => overdueTeams[p.IncidentId].Contains(team) && Sees(p.IncidentId, p.IsPrivate))]);
                        })]);
                    var mailed = false;
                    if (!digest.IsEmpty)
                    {
                        if (!settings.TryGetValue(person.Id, out var mine)) w.Db.NotificationSettings.Add(settings[person.Id] = mine = new NotificationSettings { UserId = person.Id });
                        mine.UnsubscribeSecret ??= UnsubscribeTokens.NewSecret();
                        mailed = (await MailOutbox.EnqueueAsync(w.Db, Mail(person, digest, mine.UnsubscribeSecret), now, ct)).Queued;
                        if (mailed) queued++;
                    }
                    w.Db.DigestsSent.Add(new DigestSent { UserId = person.Id, Period = person.Period, SentAt = now, Mailed = mailed });
                }
                w.Db.ChangeTracker.AutoDetectChangesEnabled = true;
                return CommandResult.Ok("notification");
            }, ct);
        }
        return queued;
    }

    /// <summary>Everyone whose digest period has come and has not been handled yet: one read of the people and their settings.</summary>
    private async Task<List<Recipient>> DueAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await (from u in db.Users.AsNoTracking()
                            where !u.IsDisabled && u.Email != null
                            join s in db.NotificationSettings.AsNoTracking() on u.Id equals s.UserId into own
                            from s in own.DefaultIfEmpty()
                            select new
                            {
                                u.Id, u.Email, u.DisplayName, u.Role, u.TimeZone,
                                Frequency = (DigestFrequency?)s!.DigestFrequency, Hour = (int?)s.DigestHour, Weekday = (DayOfWeek?)s.DigestWeekday,
                            }).ToListAsync(ct);
        var handled = (await db.DigestsSent.AsNoTracking().Where(d => d.SentAt >= now.AddDays(-8)).Select(d => new { d.UserId, d.Period }).ToListAsync(ct))
            .Select(d => (d.UserId, d.Period)).ToHashSet();
        var due = new List<Recipient>();
        foreach (var p in people)
        {
            if (!MailAddresses.IsValid(p.Email)) continue;
            var zone = QuietHours.Zone(p.TimeZone);
            var frequency = p.Frequency ?? DigestDefaults.Frequency;
            if (DigestSchedule.DuePeriod(frequency, p.Hour ?? DigestDefaults.Hour, p.Weekday ?? DigestDefaults.Weekday, zone, now) is not { } period) continue;
            if (handled.Contains((p.Id, period.Key))) continue;
            due.Add(new Recipient(p.Id, p.Email!, p.DisplayName, p.Role, zone, period.Key, frequency, period.Start));
        }
        return due;
    }

    private sealed record TeamContent(string Team, List<ActionLine> Overdue, List<ActionLine> DueSoon, List<PostmortemLine> OverduePostmortems)
    {
        public bool IsEmpty => Overdue.Count == 0 && DueSoon.Count == 0 && OverduePostmortems.Count == 0;
    }

    private sealed record DigestContent(DateOnly Today, List<ActionLine> Overdue, List<ActionLine> DueSoon, List<PostmortemLine> Reviews,
        List<PostmortemLine> OverduePostmortems, List<TeamContent> Teams)
    {
        public bool IsEmpty => Overdue.Count == 0 && DueSoon.Count == 0 && Reviews.Count == 0 && OverduePostmortems.Count == 0 && Teams.All(t => t.IsEmpty);
    }

    private MailDraft Mail(Recipient person, DigestContent digest, string secret)
    {
        var baseUrl = publicAddress.Value.Link("").TrimEnd('/');
        var unsubscribe = Notifier.UnsubscribeLink(baseUrl, person.Id, NotificationKind.Digest, UnsubscribeTokens.Sign(secret, person.Id, NotificationKind.Digest));
        var what = person.Frequency == DigestFrequency.Daily ? $"daily digest for {person.Start:ddd d MMM yyyy}" : $"weekly digest for the week of {person.Start:d MMM yyyy}";
        var text = new StringBuilder($"Your IncidentBoard {what}.\n");
        Actions(text, "Your overdue actions", digest.Overdue, baseUrl);
        Actions(text, "Your actions due in the next 7 days", digest.DueSoon, baseUrl);
        Postmortems(text, "Postmortems waiting for your review", digest.Reviews, baseUrl);
        Postmortems(text, "Your overdue postmortems", digest.OverduePostmortems, baseUrl);
        foreach (var team in digest.Teams.Where(t => !t.IsEmpty))
        {
            Actions(text, $"{team.Team}: overdue actions", team.Overdue, baseUrl);
            Actions(text, $"{team.Team}: actions due in the next 7 days", team.DueSoon, baseUrl);
            Postmortems(text, $"{team.Team}: overdue postmortems", team.OverduePostmortems, baseUrl);
        }
        text.Append($"\nAll your work: {baseUrl}/my-work\n\nYou get this digest because of your IncidentBoard notification settings.\n")
            .Append($"Stop these emails: {unsubscribe}\nAll settings: {baseUrl}/account/notifications\n");
        var count = digest.Overdue.Count + digest.DueSoon.Count + digest.Reviews.Count + digest.OverduePostmortems.Count;
        var subject = digest.Overdue.Count > 0 ? $"[IncidentBoard] Your {(person.Frequency == DigestFrequency.Daily ? "daily" : "weekly")} digest: {digest.Overdue.Count} overdue action{(digest.Overdue.Count == 1 ? "" : "s")}"
            : $"[IncidentBoard] Your {(person.Frequency == DigestFrequency.Daily ? "daily" : "weekly")} digest";
        return new MailDraft($"digest:{person.Id}:{person.Period}", person.Email, subject, text.ToString(), "digest")
        {
            ToName = string.IsNullOrWhiteSpace(person.Name) || person.Name.Any(char.IsControl) || person.Name.Length > MailDraft.MaxName ? null : person.Name,
            UnsubscribeUrl = unsubscribe,
        };
    }

    private static void Actions(StringBuilder text, string heading, List<ActionLine> lines, string baseUrl)
    {
        if (lines.Count == 0) return;
        text.Append($"\n{heading} ({lines.Count})\n");
        foreach (var a in lines.OrderBy(a => a.Due).ThenBy(a => a.Id).Take(MaxLines))
            text.Append($"- due {a.Due:yyyy-MM-dd}: {OneLine(a.Title)} ({OneLine(a.IncidentTitle)}){(a.Owner is null ? "" : $", {OneLine(a.Owner)}")}\n  {baseUrl}/incidents/{a.Slug}\n");
        if (lines.Count > MaxLines) text.Append($"- and {lines.Count - MaxLines} more: {baseUrl}/actions\n");
    }

    private static void Postmortems(StringBuilder text, string heading, List<PostmortemLine> lines, string baseUrl)
    {
        if (lines.Count == 0) return;
        text.Append($"\n{heading} ({lines.Count})\n");
        foreach (var p in lines.OrderBy(p => p.Due).ThenBy(p => p.Slug, StringComparer.Ordinal).Take(MaxLines))
            text.Append($"- {OneLine(p.Title)}{(p.Due is { } d ? $", due {d:yyyy-MM-dd}" : "")}\n  {baseUrl}/incidents/{p.Slug}/postmortem\n");
        if (lines.Count > MaxLines) text.Append($"- and {lines.Count - MaxLines} more: {baseUrl}/review\n");
    }

    private static string OneLine(string text) => new([.. text.Select(ch => char.IsControl(ch) ? ' ' : ch)]);
}
