using Dashboard.Data.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// Email subscriptions to public pages, through the door. Sign-up answers the same whether the
/// address is new, waiting for confirmation or already subscribed, so the form tells nobody who
/// subscribes; only the mailbox learns more. The audit trail records that a subscription moved, never the address.
/// </summary>
public sealed class SubscriptionCommands(WriteDoor door, IOptions<PublicAddress> options)
{
    private const string Subject = "subscription";
    /// <summary>A repeated sign-up mails a new confirmation at most this often.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    /// <summary>The visitor of a public page: may subscribe and follow links, nothing else.</summary>
    public static readonly Actor Visitor = new(ActorKind.System, "status-page visitor", Role.Viewer, ChangeSource.Ui);

    /// <summary>
    /// Ok for any well-formed address on a public page (whatever it knew of the address); Invalid for a malformed one
    /// or a component not on the page; NotFound for no such public page. <paramref name="components"/>: the page's
    /// public component ids (<c>c12</c>) to hear about; none means the whole page. They are kept only with a
    /// confirmation mailed, so nobody changes a confirmed subscriber's choice without the mailbox.
    /// </summary>
    public Task<CommandResult> SubscribeAsync(string pageKey, string? email, IReadOnlyCollection<string>? components = null, CancellationToken ct = default) =>
        door.RunAsync(Visitor, Permission.Read, Subject, async w =>
        {
            var page = await w.Db.StatusPages.AsNoTracking().Where(p => p.Key == pageKey && p.Audience == StatusAudience.Public)
                .Select(p => new { p.Id, p.Name, p.Key }).SingleOrDefaultAsync(ct);
            if (page is null) return w.NotFound();
            var address = email?.Trim() ?? "";
            if (!MailAddresses.IsValid(address)) return w.Invalid("Email", "Enter a valid email address.");
            var chosen = await OnPageAsync(w, page.Id, components, ct);
            if (chosen is null) return w.Invalid("Components", "Choose among this page's components.");
            var normalized = address.ToLowerInvariant();
            var subscriber = await w.Db.StatusSubscribers.Include(s => s.Components).SingleOrDefaultAsync(s => s.StatusPageId == page.Id && s.Email == normalized, ct);
            if (subscriber is { ConfirmedAt: not null, UnsubscribedAt: null }) return CommandResult.Ok(Subject); // already subscribed: the same answer, no mail
            if (subscriber is not null && w.Now - subscriber.LastMailedAt < ResendAfter) return CommandResult.Ok(Subject);
            if (subscriber is null)
            {
                subscriber = new StatusSubscriber { StatusPageId = page.Id, Email = normalized, Token = StatusSubscriber.NewToken(), CreatedAt = w.Now };
                w.Db.StatusSubscribers.Add(subscriber);
            }
            subscriber.ConfirmedAt = null;
            subscriber.UnsubscribedAt = null;
            subscriber.Components.Clear();
            subscriber.Components.AddRange(chosen.Select(c => new StatusSubscriberComponent { StatusPageComponentId = c }));
            subscriber.LastMailedAt = w.Now;
            var url = options.Value.PageUrl(page.Key);
            var queued = await MailOutbox.EnqueueAsync(w, new MailDraft($"status-confirm:{subscriber.Token}:{w.Now.Ticks}", normalized,
                $"Confirm your subscription to {Line(page.Name)}",
                $"Someone, hopefully you, asked to receive the status updates of {page.Name} at this address.\n\n" +
                $"Confirm: {url}/subscriptions/confirm?token={subscriber.Token}\n\nIf it was not you, ignore this mail: nothing will be sent without confirmation.\n",
                "status-confirm"), ct);
            if (!queued.IsValid) return w.Invalid(queued.Errors);
            w.Audit(AuditActions.SubscriptionRequested, page.Key, null, new FieldChange("Page", null, page.Key));
            return CommandResult.Ok(Subject);
        }, ct);

    public Task<CommandResult> ConfirmAsync(string? token, CancellationToken ct = default) =>
        ChangeAsync(token, AuditActions.SubscriptionConfirmed, (s, now) =>
        {
            if (s.ConfirmedAt is not null && s.UnsubscribedAt is null) return false;
            s.ConfirmedAt = now;
            s.UnsubscribedAt = null;
            return true;
        }, ct);

    /// <summary>One click from any mail (RFC 8058): the token is the permission. Unsubscribing twice is unsubscribing once.</summary>
    public Task<CommandResult> UnsubscribeAsync(string? token, CancellationToken ct = default) =>
        ChangeAsync(token, AuditActions.SubscriptionCancelled, (s, now) =>
        {
            if (s.UnsubscribedAt is not null) return false;
            s.UnsubscribedAt = now;
            return true;
        }, ct);

    /// <summary>
    /// A confirmed subscriber chooses again which components to hear about (none: the whole page), from the
    /// link in any of their mails; as with unsubscribing, the token is the permission.
    /// </summary>
    public Task<CommandResult> ChooseComponentsAsync(string? token, IReadOnlyCollection<string> components, CancellationToken ct = default) =>
        door.RunAsync(Visitor, Permission.Read, Subject, async w =>
        {
            if (!StatusSubscriber.CouldBeToken(token)) return w.NotFound();
            var subscriber = await w.Db.StatusSubscribers.Include(s => s.Components)
                .SingleOrDefaultAsync(s => s.Token == token && s.ConfirmedAt != null && s.UnsubscribedAt == null, ct);
            if (subscriber is null) return w.NotFound();
            var chosen = await OnPageAsync(w, subscriber.StatusPageId, components, ct);
            if (chosen is null) return w.Invalid("Components", "Choose among this page's components.");
            // Only the difference: a choice removed and added again in one context would be one row tracked twice.
            subscriber.Components.RemoveAll(c => !chosen.Contains(c.StatusPageComponentId));
            subscriber.Components.AddRange(chosen.Where(c => !subscriber.Components.Any(s => s.StatusPageComponentId == c))
                .Select(c => new StatusSubscriberComponent { StatusPageComponentId = c }));
            var key = await w.Db.StatusPages.Where(p => p.Id == subscriber.StatusPageId).Select(p => p.Key).SingleAsync(ct);
            w.Audit(AuditActions.SubscriptionComponentsChosen, key, null, new FieldChange("Components", null, chosen.Count == 0 ? "the whole page" : $"{chosen.Count} of the page's"));
            return CommandResult.Ok(Subject);
        }, ct);

    /// <summary>The page's components named by their public ids (<c>c12</c>), or null when one is not on the page.</summary>
    private static async Task<List<int>?> OnPageAsync(Write w, int pageId, IReadOnlyCollection<string>? components, CancellationToken ct)
    {
        var onPage = await w.Db.StatusPageComponents.AsNoTracking().Where(c => c.StatusPageId == pageId).Select(c => c.Id).ToListAsync(ct);
        var chosen = new List<int>();
        foreach (var id in (components ?? []).Distinct())
        {
            if (StatusPageComponent.FromPublicId(id) is not { } n || !onPage.Contains(n)) return null;
            chosen.Add(n);
        }
        return chosen;
    }

    private Task<CommandResult> ChangeAsync(string? token, string action, Func<StatusSubscriber, DateTime, bool> change, CancellationToken ct) =>
        door.RunAsync(Visitor, Permission.Read, Subject, async w =>
        {
            if (!StatusSubscriber.CouldBeToken(token)) return w.NotFound();
            var subscriber = await w.Db.StatusSubscribers.SingleOrDefaultAsync(s => s.Token == token, ct);
            if (subscriber is null) return w.NotFound();
            if (!change(subscriber, w.Now)) return CommandResult.Ok(Subject);
            var key = await w.Db.StatusPages.Where(p => p.Id == subscriber.StatusPageId).Select(p => p.Key).SingleAsync(ct);
            w.Audit(action, key, null, new FieldChange("Page", null, key));
            return CommandResult.Ok(Subject);
        }, ct);

    /// <summary>
    /// Queues the update, as published, for every confirmed subscriber of <paramref name="pageIds"/>, in
    /// the publishing write's transaction: the update and its mail commit together. Each mail carries its
    /// one-click unsubscribe link; its key makes a retry of the same publication queue nothing twice.
    /// </summary>
    public static async Task QueueUpdateAsync(Write w, StatusUpdate update, IReadOnlyCollection<int> pageIds, PublicAddress options, string kind, CancellationToken ct)
    {
        // What the incident touches on the pages: every service its published updates (and this one) name.
        var touched = await w.Db.StatusUpdates.AsNoTracking().Where(u => u.IncidentId == update.IncidentId && (u.PublishedAt != null || u.Id == update.Id))
            .SelectMany(u => u.Components).Select(c => c.ServiceId).Distinct().ToListAsync(ct);
        // One set-based insert for all of them: a page with 10,000 subscribers is one quick write, not 10,000 tracked rows.
        await MailOutbox.EnqueueManyAsync(w, (await RecipientsAsync(w, pageIds, touched, ct)).Select(s =>
        {
            var text = $"{update.Title}\n{update.State}: {update.Body}\n\n" + (kind == "status-correction" ? "This corrects an earlier update.\n\n" : "") + s.Footer(options);
            return new MailDraft($"{kind}:{update.Id}:{(update.CorrectedAt ?? update.PublishedAt)!.Value.Ticks}:{s.Id}", s.Email,
                $"[{Line(s.Name)}] {Line(update.Title)}: {update.State}", text, kind) { UnsubscribeUrl = s.UnsubscribeUrl(options) };
        }), ct);
    }

    /// <summary>
    /// Queues the public postmortem, as published, for the confirmed subscribers of the pages the incident is
    /// on, in the publishing write's transaction; its name is the incident's public title (its newest published update's).
    /// </summary>
    public static async Task QueuePostmortemAsync(Write w, StatusPostmortem postmortem, IReadOnlyCollection<(int Id, string Key)> pages, PublicAddress options, bool first, CancellationToken ct)
    {
        var title = await w.Db.StatusUpdates.AsNoTracking().Where(u => u.IncidentId == postmortem.IncidentId && u.PublishedAt != null)
            .OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Id).Select(u => u.Title).FirstAsync(ct);
        var touched = await w.Db.StatusUpdates.AsNoTracking().Where(u => u.IncidentId == postmortem.IncidentId && u.PublishedAt != null)
            .SelectMany(u => u.Components).Select(c => c.ServiceId).Distinct().ToListAsync(ct);
        await MailOutbox.EnqueueManyAsync(w, (await RecipientsAsync(w, [.. pages.Select(p => p.Id)], touched, ct)).Select(s =>
        {
            var text = $"{title}\n{(first ? "Postmortem" : "Updated postmortem")}:\n\n{postmortem.Body}\n\n" + s.Footer(options, $"#i{postmortem.IncidentId}");
            return new MailDraft($"status-postmortem:{postmortem.IncidentId}:{postmortem.Version:N}:{s.Id}", s.Email,
                $"[{Line(s.Name)}] {Line(title)}: {(first ? "postmortem" : "postmortem updated")}", text, "status-postmortem") { UnsubscribeUrl = s.UnsubscribeUrl(options) };
        }), ct);
    }

    /// <summary>A confirmed subscriber to mail, with the page it subscribed to and the links every mail to them ends with.</summary>
    public sealed record Recipient(int Id, string Email, string Token, string Key, string Name)
    {
        public string UnsubscribeUrl(PublicAddress address) => $"{address.PageUrl(Key)}/subscriptions/unsubscribe?token={Token}";

        /// <summary>The mail's last lines: the page (at <paramref name="anchor"/>), the link to choose components again, the one-click unsubscribe.</summary>
        public string Footer(PublicAddress address, string anchor = "") =>
            $"The page: {address.PageUrl(Key)}{anchor}\nChoose components: {address.PageUrl(Key)}/subscriptions/manage?token={Token}\nUnsubscribe: {UnsubscribeUrl(address)}\n";
    }

    /// <summary>
    /// The confirmed subscribers of <paramref name="pageIds"/> who hear of something touching
    /// <paramref name="serviceIds"/>: those who chose no component (the whole page), and those who chose a
    /// component of one of these services.
    /// </summary>
    public static async Task<List<Recipient>> RecipientsAsync(Write w, IReadOnlyCollection<int> pageIds, IReadOnlyCollection<int> serviceIds, CancellationToken ct) =>
        await w.Db.StatusSubscribers.AsNoTracking()
            .Where(s => pageIds.Contains(s.StatusPageId) && s.ConfirmedAt != null && s.UnsubscribedAt == null)
            .Where(s => !s.Components.Any() || s.Components.Any(c => w.Db.StatusPageComponents.Any(pc => pc.Id == c.StatusPageComponentId && serviceIds.Contains(pc.ServiceId))))
            .Join(w.Db.StatusPages, s => s.StatusPageId, p => p.Id, (s, p) => new Recipient(s.Id, s.Email, s.Token, p.Key, p.Name)).ToListAsync(ct);

    /// <summary>One line, whatever was typed: a line break never reaches a mail header.</summary>
    internal static string Line(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
