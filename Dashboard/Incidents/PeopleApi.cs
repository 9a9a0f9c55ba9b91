using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Api;

namespace Dashboard.Incidents;

/// <summary>
/// /api/v1/incidents/{slug}/people: the incident's role holders (Commander, Scribe, CommsLead) and
/// members, and whether it is private, as on the incident's People panel. Memberships and the switch
/// have no version, so no If-Match: adding someone twice or switching to the state it is in changes nothing.
/// </summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/incidents/{slug}/people").WithTags("Incident people");
        people.MapGet("/", ListAsync).WithName("ListIncidentPeople").WithSummary("Who holds which role, who else is a member, and whether the incident is private.");
        people.MapPost("/", AddAsync).WithName("AddIncidentPerson")
            .WithSummary("Give a role to a person with an account (email), replacing its holder; role Member (the default) adds a member.");
        people.MapDelete("/{role}/{user}", RemoveAsync).WithName("RemoveIncidentPerson")
            .WithSummary("Take the role (Commander, Scribe, CommsLead or Member) from the person (email or user id); no If-Match.");
        people.MapPut("/private", SetPrivateAsync).WithName("SetIncidentPrivate")
            .WithSummary("isPrivate: true hides the incident from everyone but its people, admins and owners; false shows it to all. No If-Match: a switch.");
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, IncidentQueries incidents, UserQueries users, CancellationToken ct) =>
        await incidents.GetAsync(http.Actor(), slug, ct) is { } incident ? TypedResults.Ok(await ApiPeople.FromAsync(incident, users, ct)) : ApiProblems.NotFound("incident");

    private static async Task<IResult> AddAsync(string slug, ApiPersonInput input, HttpContext http, IncidentQueries incidents, UserQueries users,
        IncidentAccessCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var errors = new Dictionary<string, string>();
        var role = input.Role ?? IncidentRole.Member;
        if (!Enum.IsDefined(role)) errors["Role"] = "Choose Commander, Scribe, CommsLead or Member.";
        var user = string.IsNullOrWhiteSpace(input.Email) ? null : await FindAsync(users, input.Email, ct);
        if (string.IsNullOrWhiteSpace(input.Email)) errors["Email"] = "Name the person by the email of their account.";
        else if (user is null) errors["Email"] = $"No enabled account has the email '{input.Email.Trim()}'.";
        if (errors.Count > 0) return ApiProblems.Validation(errors, "The person was not added.");
        var result = role == IncidentRole.Member
            ? await commands.AddMemberAsync(http.Actor(), incident.Id, user!.Id, ct)
            : await commands.AssignRoleAsync(http.Actor(), incident.Id, role, user!.Id, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var now = (await incidents.GetAsync(http.Actor(), slug, ct))!;
        return TypedResults.Created($"{ApiSetup.Prefix}/incidents/{slug}/people", await ApiPeople.FromAsync(now, users, ct));
    }

    private static async Task<IResult> RemoveAsync(string slug, IncidentRole role, string user, HttpContext http, IncidentQueries incidents,
        UserQueries users, IncidentAccessCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var named = user.Contains('@') ? (await FindAsync(users, user, ct))?.Id : user;
        var person = incident.Participants.FirstOrDefault(p => p.Role == role && p.UserId == named);
        if (person is null) return ApiProblems.NotFound("incident person");
        var result = role == IncidentRole.Member
            ? await commands.RemoveMemberAsync(http.Actor(), incident.Id, person.UserId, ct)
            : await commands.AssignRoleAsync(http.Actor(), incident.Id, role, null, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> SetPrivateAsync(string slug, ApiPrivateSwitch input, HttpContext http, IncidentQueries incidents,
        UserQueries users, IncidentAccessCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        if (input.IsPrivate is not { } isPrivate)
            return ApiProblems.Validation(new Dictionary<string, string> { ["IsPrivate"] = "Send isPrivate: true or false." }, "The incident was not changed.");
        var result = await commands.SetPrivateAsync(http.Actor(), incident.Id, isPrivate, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        // Whoever hides an incident keeps seeing it (they become a member), so this read finds it.
        var now = (await incidents.GetAsync(http.Actor(), slug, ct))!;
        return TypedResults.Ok(await ApiPeople.FromAsync(now, users, ct));
    }

    private static async Task<UserChoice?> FindAsync(UserQueries users, string email, CancellationToken ct) =>
        (await users.ChoicesAsync(ct)).FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>email: the person's account; role: Commander, Scribe, CommsLead or Member (the default).</summary>
public sealed record ApiPersonInput(string? Email, IncidentRole? Role);

public sealed record ApiPrivateSwitch(bool? IsPrivate);

/// <summary>email: null once the account is disabled.</summary>
public sealed record ApiPerson(string UserId, string DisplayName, string? Email, IncidentRole Role);

public sealed record ApiPeople(bool IsPrivate, IReadOnlyList<ApiPerson> People)
{
    /// <summary>
    /// The incident record carries no emails (every reader gets it, signed-out wall displays too);
    /// a program, always signed in by its key, names people by email, so they are joined here.
    /// </summary>
    public static async Task<ApiPeople> FromAsync(IncidentDetail i, UserQueries users, CancellationToken ct)
    {
        var emails = (await users.ChoicesAsync(ct)).ToDictionary(u => u.Id, u => u.Email);
        return new(i.IsPrivate, [.. i.Participants.Select(p => new ApiPerson(p.UserId, p.DisplayName, emails.GetValueOrDefault(p.UserId), p.Role))]);
    }
}
