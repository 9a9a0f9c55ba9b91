using Dashboard.Incidents;


namespace Dashboard.Account;

/// <summary>The <c>Auth:Oidc</c> settings: single sign-on through an OpenID Connect provider, off by default.</summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";
    /// <summary>The authentication scheme, and the login provider's name in AspNetUserLogins.</summary>
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }
    /// <summary>The button says "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";
    /// <summary>The provider's issuer URL; its discovery document is read from {Authority}/.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    /// <summary>Empty: openid profile email. openid is always asked for; email is needed to provision an account.</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>The claim (in the ID token) whose values pick the role, e.g. "roles" or "groups".</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>The claim (in the ID token) listing the person's groups; restricted status pages may admit them by group.</summary>
    public string GroupsClaim { get; set; } = "groups";
    /// <summary>Claim value → role. With several matching values the highest role wins.</summary>
    public Dictionary<string, Role> RoleMap { get; set; } = [];
    /// <summary>The role of a newly provisioned person whose claims match no mapping.</summary>
    public Role DefaultRole { get; set; } = Role.Viewer;
    /// <summary>Null: the provider's metadata must come over HTTPS unless the authority is a loopback address (a provider on this machine).</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>(A default in the property itself would be kept and added to by the configuration binder, which appends to arrays.)</summary>
    public IEnumerable<string> EffectiveScopes() => (Scopes.Length == 0 ? ["openid", "profile", "email"] : Scopes.Prepend("openid")).Distinct();

    public bool HttpsRequired() => RequireHttpsMetadata ?? !(Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback);

    /// <summary>The highest role any of the person's role-claim values maps to; null when none does.</summary>
    public Role? MapRole(IEnumerable<string> claimValues)
    {
        Role? best = null;
        foreach (var value in claimValues)
            if (RoleMap.TryGetValue(value, out var role) && (best is null || role > best)) best = role;
        return best;
    }

    /// <summary>What is wrong with the settings, so a bad configuration stops the app at start with a clear message.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            yield return $"Auth:Oidc:Authority: '{Authority}' is not an http(s) URL.";
        else if (uri.Scheme == "http" && HttpsRequired())
            yield return $"Auth:Oidc:Authority: '{Authority}' is not HTTPS (allowed only on a loopback address, or with Auth:Oidc:RequireHttpsMetadata=false).";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "Auth:Oidc:ClientId: required.";
        if (string.IsNullOrWhiteSpace(RoleClaim)) yield return "Auth:Oidc:RoleClaim: required.";
        foreach (var (value, role) in RoleMap)
            if (!Enum.IsDefined(role)) yield return $"Auth:Oidc:RoleMap:{value}: '{role}' is not a role (Viewer, Responder, Admin or Owner).";
        if (!Enum.IsDefined(DefaultRole)) yield return $"Auth:Oidc:DefaultRole: '{DefaultRole}' is not a role.";
    }
}
