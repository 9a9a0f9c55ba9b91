using Dashboard.Data.Audit;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Door;

/// <summary>
/// One command's pass through the door: its context (inside the door's transaction), who is
/// writing and when, and what it asks the door to audit and announce once the write commits.
/// </summary>
public sealed class Write
{
    internal Write(IncidentBoardDbContext db, Actor actor, DateTime now, string subject)
    {
        Db = db;
        Actor = actor;
        Now = now;
        Subject = subject;
    }

    public IncidentBoardDbContext Db { get; }

    /// <summary>
    /// The incidents this actor may see. Look up an incident the actor names (a link's other end, by
    /// its slug) here, not in <see cref="Db"/>: one they may not see then answers as one that does not exist.
    /// </summary>
    public IQueryable<Incident> Incidents => Data.Incidents.Visibility.VisibleTo(Db.Incidents, Actor);

    public Actor Actor { get; }
    public DateTime Now { get; }
    public string Subject { get; }

    internal List<PendingAudit> Audits { get; } = [];
    internal List<Change> Changes { get; } = [];
    internal object? ResultEntity { get; private set; }
    internal string TokenProperty { get; private set; } = "Version";

    /// <summary>
    /// The row must still have <paramref name="version"/> when written: EF's UPDATE … WHERE token = @read
    /// then touches no row if someone else wrote in between, and the door answers with a conflict.
    /// The row gets a new version here.
    /// </summary>
    public Guid Expect<T>(T entity, Guid version, string token = "Version") where T : class
    {
        var property = Db.Entry(entity).Property(token);
        property.OriginalValue = version;
        var next = Guid.NewGuid();
        property.CurrentValue = next;
        TokenProperty = token;
        return next;
    }

    /// <summary>Audit this tracked row: its changed fields are read from the change tracker just before it is saved.</summary>
    public Audited Audit(string action, object entity, params IEnumerable<FieldChange> extra)
    {
        Audits.Add(new PendingAudit(action, entity, null, null, [.. extra]));
        return new Audited(this, action);
    }

    /// <summary>Audit a write that has no single tracked row (a bulk import, a dependency edge).</summary>
    public Audited Audit(string action, string key, int? incidentId, params IEnumerable<FieldChange> changes)
    {
        Audits.Add(new PendingAudit(action, null, key, incidentId, [.. changes]));
        return new Audited(this, action);
    }

    /// <summary>Views following these scopes reload once the write has committed.</summary>
    public void Publish(string action, params ChangeScope[] scopes)
    {
        foreach (var scope in scopes)
            if (!Changes.Exists(c => c.Scope == scope)) Changes.Add(new Change(scope, action));
    }

    /// <summary>Success: the door fills in the row's id, key and new version once it is saved.</summary>
    public CommandResult Done(object entity, IReadOnlyList<string>? warnings = null)
    {
        ResultEntity = entity;
        return CommandResult.Ok(Subject) with { Warnings = warnings ?? [] };
    }

    public CommandResult Invalid(IReadOnlyDictionary<string, string> errors) => CommandResult.Invalid(Subject, errors);

    public CommandResult Invalid(string field, string message) => CommandResult.Invalid(Subject, field, message);

    public CommandResult Invalid(IReadOnlyList<string> problems) => CommandResult.Invalid(Subject, problems);

    public CommandResult NotFound() => CommandResult.NotFound(Subject);

    /// <summary>An audited action; most writes tell the views under the same name, so it is passed once.</summary>
    public readonly record struct Audited(Write Write, string Action)
    {
        /// <summary>Views following these scopes reload once the write has committed; the change carries the audited name.</summary>
        public void Publish(params ChangeScope[] scopes) => Write.Publish(Action, scopes);
    }

    internal sealed record PendingAudit(string Action, object? Entity, string? Key, int? IncidentId, List<FieldChange> Changes);
}

/// <summary>The address, incident and version of the rows commands write, for audit entries and results.</summary>
internal static class EntityFacts
{
    public static (int? Id, string Key, int? IncidentId, Guid? Version) Of(object entity) => entity switch
    {
        Incident i => (i.Id, i.Slug, i.Id, i.Version),
        TimelineEvent e => (e.Id, e.Id.ToString(), e.IncidentId, e.Version),
        ServiceImpact x => (x.Id, x.Id.ToString(), x.IncidentId, x.Version),
        RemediationAction a => (a.Id, a.Id.ToString(), a.IncidentId, a.Version),
        Service s => (s.Id, s.Key, null, s.Version),
        Identity.AppUser u => (null, u.Email ?? u.Id, null, null),
        WebhookEndpoint h => (h.Id, h.Id.ToString(), null, h.Version),
        ApiKey k => (k.Id, ApiKeys.ApiKeySecret.Public(k.Prefix), null, k.Version),
        Changes.ChangeEvent c => (c.Id, c.ExternalId ?? c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, c.Version),
        _ => throw new ArgumentException($"The door does not know how to address a {entity.GetType().Name}.", nameof(entity)),
    };
}
