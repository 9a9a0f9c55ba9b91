using Dashboard.Data.Door;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Learning;

/// <summary>
/// The one place where the links, open promises and repeat figures decide which incidents an actor
/// may see: every query in this folder starts from <see cref="Incidents"/>. Today every signed-in
/// role reads every incident; the private-incident rule belongs here, and then also hides links and
/// promises that lead to an incident the actor may not see.
/// </summary>
internal static class LearningVisibility
{
    public static IQueryable<Incident> Incidents(IncidentBoardDbContext db, Actor actor) =>
        actor.May(Permission.Read) ? db.Incidents.AsQueryable() : db.Incidents.Where(_ => false);
}
