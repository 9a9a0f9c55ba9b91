using Dashboard.Api;
using Dashboard.Data.Identity;
using Dashboard.Data.Notifications;

namespace Dashboard.Notifications;

public sealed record ApiTeamLeads(string Team, IReadOnlyList<string> Emails);

public sealed record ApiTeamLeadsInput(IReadOnlyList<string>? Emails);

/// <summary>
/// /api/v1/teams/{team}/leads: who leads a catalog team (a service's owner team, an action's team).
/// A lead's digest carries the team's overdue and upcoming actions and overdue postmortems, within
/// what they may see. Admin keys only; PUT replaces the list (no version: the same list twice changes nothing).
/// </summary>
public static class TeamLeadsApi
{
    public static RouteGroupBuilder MapTeamLeadsApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/teams/{team}/leads").WithTags("Team leads").RequireAuthorization(ApiSetup.AdminKeyPolicy);
        leads.MapGet("/", GetAsync).WithName("GetTeamLeads").WithSummary("The emails of the team's leads.");
        leads.MapPut("/", PutAsync).WithName("SetTeamLeads").WithSummary("Replace the team's leads with the people of these emails (accounts; an empty list removes them all).");
        return api;
    }

    private static async Task<IResult> GetAsync(string team, NotificationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(new ApiTeamLeads(team.Trim(), await queries.TeamLeadsAsync(team.Trim(), ct)));

    private static async Task<IResult> PutAsync(string team, ApiTeamLeadsInput input, HttpContext http, UserQueries users, NotificationCommands commands,
        NotificationQueries queries, CancellationToken ct)
    {
        if (input.Emails is not { } emails)
            return ApiProblems.Validation(new Dictionary<string, string> { ["emails"] = "Send emails: a list of account emails." }, "The leads were not changed.");
        var accounts = await users.ChoicesAsync(ct);
        var ids = new List<string>();
        foreach (var email in emails)
        {
            var user = accounts.FirstOrDefault(u => string.Equals(u.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (user is null)
                return ApiProblems.Validation(new Dictionary<string, string> { ["emails"] = $"No enabled account has the email '{email?.Trim()}'." }, "The leads were not changed.");
            ids.Add(user.Id);
        }
        var result = await commands.SetTeamLeadsAsync(http.Actor(), team, ids, ct);
        return result.Succeeded ? TypedResults.Ok(new ApiTeamLeads(team.Trim(), await queries.TeamLeadsAsync(team.Trim(), ct))) : ApiProblems.Of(result);
    }
}
