using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Themes;

/// <summary>
/// Themes through the door: admins make, rename and delete them; responders put them on incidents
/// and on contributing factors (of incidents they may see). Each write is audited.
/// </summary>
public sealed class ThemeCommands(WriteDoor door)
{
    private const string Subject = "theme";

    public Task<CommandResult> CreateAsync(Actor actor, ThemeInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            if (await RefusedAsync(w, input, null, ct) is { } refused) return refused;
            var theme = new Theme { Name = input.Name.Trim(), Description = input.Description?.Trim() ?? "", CreatedAt = w.Now, UpdatedAt = w.Now, Version = Guid.NewGuid() };
            w.Db.Themes.Add(theme);
            w.Audit(AuditActions.ThemeCreated, theme).Publish(ChangeScope.Everything);
            return w.Done(theme);
        }, ct);

    public Task<CommandResult> UpdateAsync(Actor actor, int themeId, Guid version, ThemeInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var theme = await w.Db.Themes.SingleOrDefaultAsync(t => t.Id == themeId, ct);
            if (theme is null) return w.NotFound();
            w.Expect(theme, version);
            if (await RefusedAsync(w, input, themeId, ct) is { } refused) return refused;
            theme.Name = input.Name.Trim();
            theme.Description = input.Description?.Trim() ?? "";
            theme.UpdatedAt = w.Now;
            w.Audit(AuditActions.ThemeUpdated, theme).Publish(ChangeScope.Everything);
            return w.Done(theme);
        }, ct);

    /// <summary>Deletes the theme; the incidents and factors that carried it lose only the tag.</summary>
    public Task<CommandResult> DeleteAsync(Actor actor, int themeId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var theme = await w.Db.Themes.SingleOrDefaultAsync(t => t.Id == themeId, ct);
            if (theme is null) return w.NotFound();
            w.Expect(theme, version);
            w.Db.Themes.Remove(theme);
            w.Audit(AuditActions.ThemeDeleted, theme).Publish(ChangeScope.Everything);
            return w.Done(theme);
        }, ct);

    /// <summary>The incident's own themes become exactly <paramref name="themeIds"/>.</summary>
    public Task<CommandResult> SetForIncidentAsync(Actor actor, int incidentId, IReadOnlyCollection<int> themeIds, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            // An incident the actor may not see answers as one that does not exist.
            var incident = await w.VisibleIncidents().SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return CommandResult.NotFound("incident");
            var (themes, refused) = await SetAsync(w, "IncidentThemes", "IncidentId", incidentId, themeIds, ct);
            if (refused is not null) return refused;
            w.Audit(AuditActions.IncidentThemesChanged, incident, themes).Publish(ChangeScope.Incident(incidentId));
            return w.Done(incident);
        }, ct);

    /// <summary>The factor's themes become exactly <paramref name="themeIds"/>.</summary>
    public Task<CommandResult> SetForFactorAsync(Actor actor, int incidentId, int factorId, IReadOnlyCollection<int> themeIds, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            var factor = await w.Db.Factors.SingleOrDefaultAsync(f => f.Id == factorId && f.IncidentId == incidentId, ct);
            if (factor is null) return CommandResult.NotFound("factor");
            var (themes, refused) = await SetAsync(w, "FactorThemes", "FactorId", factorId, themeIds, ct);
            if (refused is not null) return refused;
            w.Audit(AuditActions.FactorThemesChanged, factor, themes).Publish(ChangeScope.Incident(incidentId));
            return w.Done(factor);
        }, ct);

    private static async Task<CommandResult?> RefusedAsync(Write w, ThemeInput input, int? themeId, CancellationToken ct)
    {
        var errors = ThemeRules.Validate(input);
        if (errors.Count > 0) return w.Invalid(errors);
        var name = input.Name.Trim();
        if (await w.Db.Themes.AnyAsync(t => t.Id != themeId && SqlFunctions.Caseless(t.Name) == SqlFunctions.Caseless(name), ct))
            return w.Invalid(nameof(ThemeInput.Name), $"There is already a theme named '{name}'.");
        return null;
    }

    /// <summary>Makes the tags of one row (an incident or a factor) exactly the given themes; the audit field, or the refusal.</summary>
    private static async Task<(FieldChange Themes, CommandResult? Refused)> SetAsync(Write w, string joinTable, string rowColumn, int rowId, IReadOnlyCollection<int> themeIds, CancellationToken ct)
    {
        var wanted = themeIds.Distinct().ToList();
        if (wanted.Count > ThemeRules.ThemesPerRow) return (default!, w.Invalid("ThemeIds", $"At most {ThemeRules.ThemesPerRow} themes."));
        var themes = await w.Db.Themes.Where(t => wanted.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        if (themes.Count != wanted.Count) return (default!, w.Invalid("ThemeIds", "A theme was deleted meanwhile; reload and choose again."));
        var tags = w.Db.Set<Dictionary<string, object>>(joinTable);
        var current = await tags.Where(t => EF.Property<int>(t, rowColumn) == rowId).ToListAsync(ct);
        var currentIds = current.Select(t => (int)t["ThemeId"]).ToList();
        tags.RemoveRange(current.Where(t => !wanted.Contains((int)t["ThemeId"])));
        foreach (var id in wanted.Except(currentIds)) tags.Add(new Dictionary<string, object> { ["ThemeId"] = id, [rowColumn] = rowId });
        var names = await w.Db.Themes.Where(t => currentIds.Contains(t.Id)).Select(t => t.Name).ToListAsync(ct);
        return (new FieldChange("Themes", string.Join(", ", names.Order()), string.Join(", ", themes.Select(t => t.Name).Order())), null);
    }
}
