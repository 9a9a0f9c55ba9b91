using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.ApiKeys;

/// <summary>
/// Making and revoking keys, through the door and so audited. Anyone signed in may make keys for
/// themselves with a role no higher than their own; admins (and the command line, as system) may
/// make keys for others and revoke anyone's.
/// </summary>
public sealed class ApiKeyCommands(WriteDoor door)
{
    private const string Subject = "API key";

    public async Task<ApiKeyCreated> CreateAsync(Actor actor, ApiKeyInput input, CancellationToken ct = default)
    {
        var (prefix, secret) = ApiKeySecret.New();
        var result = await door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            var errors = Validate(input, w.Now);
            if (errors.Count > 0) return w.Invalid(errors);
            var forOther = input.OwnerEmail is not null;
            if (forOther && !actor.May(Permission.Administer) && actor.Kind != ActorKind.System) return CommandResult.Forbidden(Subject);
            // A temporary password is only good for choosing a new one: a key would outlive it.
            if (actor.UserId is { } self && await w.Db.Users.AnyAsync(u => u.Id == self && u.MustChangePassword, ct))
                return CommandResult.Forbidden(Subject);
            var normalized = input.OwnerEmail?.Trim().ToUpperInvariant();
            var owner = forOther
                ? await w.Db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct)
                : await w.Db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct);
            if (owner is null) return forOther ? w.Invalid(nameof(ApiKeyInput.OwnerEmail), $"Owner: no user has the email {input.OwnerEmail}.") : w.NotFound();
            if (owner.IsDisabled) return w.Invalid(nameof(ApiKeyInput.OwnerEmail), $"Owner: {owner.Email} is disabled.");
            if (input.Role > owner.Role)
                return w.Invalid(nameof(ApiKeyInput.Role), $"Role: a key may not do more than its owner; {owner.Email} is {owner.Role}.");
            if (await w.Db.ApiKeys.AnyAsync(k => k.OwnerId == owner.Id && k.Name == input.Name.Trim() && k.RevokedAt == null, ct))
                return w.Invalid(nameof(ApiKeyInput.Name), $"Name: {owner.Email} already has an active key named '{input.Name.Trim()}'.");
            var key = new ApiKey
            {
                Name = input.Name.Trim(), Prefix = prefix, SecretHash = ApiKeySecret.Hash(secret), OwnerId = owner.Id, Role = input.Role,
                CreatedAt = w.Now, ExpiresAt = input.ExpiresAt, Version = Guid.NewGuid(),
            };
            w.Db.ApiKeys.Add(key);
            w.Audit(AuditActions.ApiKeyCreated, key, new FieldChange("Owner", null, owner.Email));
            return w.Done(key);
        }, ct);
        return new ApiKeyCreated(result, result.Succeeded ? ApiKeySecret.Format(prefix, secret) : null);
    }

    /// <summary>Takes effect at the key's next request: every request reads the key's row.</summary>
    public Task<CommandResult> RevokeAsync(Actor actor, int keyId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            var key = await w.Db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, ct);
            // Someone else's key is "not found" to a non-admin: it does not confirm the key exists.
            if (key is null || (key.OwnerId != actor.UserId && !actor.May(Permission.Administer) && actor.Kind != ActorKind.System)) return w.NotFound();
            if (key.RevokedAt is not null) return w.Invalid("", $"The key {ApiKeySecret.Public(key.Prefix)} is already revoked.");
            w.Expect(key, key.Version);
            key.RevokedAt = w.Now;
            w.Audit(AuditActions.ApiKeyRevoked, key);
            return w.Done(key);
        }, ct);

    private static Dictionary<string, string> Validate(ApiKeyInput input, DateTime now)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(ApiKeyInput.Name)] = "Name: required (say what the key is for, e.g. \"deploy bot\").";
        else if (name.Length > Limits.NameLength) errors[nameof(ApiKeyInput.Name)] = $"Name: at most {Limits.NameLength} characters.";
        if (!Enum.IsDefined(input.Role)) errors[nameof(ApiKeyInput.Role)] = "Role: not a role.";
        if (input.ExpiresAt is { } at && at <= now) errors[nameof(ApiKeyInput.ExpiresAt)] = "Expires: must be in the future.";
        return errors;
    }
}
