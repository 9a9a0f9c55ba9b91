using Dashboard.Account;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Domain;

public sealed class OidcOptionsTests
{
    private static OidcOptions Valid(string authority = "https://login.example.com/") => new()
    {
        Enabled = true, Authority = authority, ClientId = "incidentboard",
        RoleMap = { ["sre"] = Role.Responder, ["sre-admins"] = Role.Admin },
    };

    [Fact]
    public void The_highest_mapped_role_wins_and_no_match_maps_to_nothing()
    {
        Assert.Equal(Role.Admin, Valid().MapRole(["staff", "sre-admins", "sre"]));
        Assert.Null(Valid().MapRole(["staff"]));
        Assert.Null(Valid().MapRole([]));
    }

    [Theory]
    [InlineData("https://login.example.com/", null, true)]
    [InlineData("http://127.0.0.1:5000/", null, false)]
    [InlineData("http://localhost:5000/", null, false)]
    [InlineData("http://[::1]:5000/", null, false)]
    [InlineData("http://idp.internal/", false, false)]
    [InlineData("http://127.0.0.1:5000/", true, true)]
    public void Https_metadata_is_required_unless_the_authority_is_loopback_or_a_setting_says_otherwise(string authority, bool? setting, bool required)
    {
        var options = Valid(authority);
        options.RequireHttpsMetadata = setting;

        Assert.Equal(required, options.HttpsRequired());
    }

    [Fact]
    public void Bad_settings_are_named()
    {
        var options = Valid("http://idp.example.com/");
        options.ClientId = "";
        options.RoleMap["odd"] = (Role)9;

        Assert.Equal([
            "Auth:Oidc:Authority: 'http://idp.example.com/' is not HTTPS (allowed only on a loopback address, or with Auth:Oidc:RequireHttpsMetadata=false).",
            "Auth:Oidc:ClientId: required.",
            "Auth:Oidc:RoleMap:odd: '9' is not a role (Viewer, Responder, Admin or Owner).",
        ], options.Problems());
        Assert.Empty(Valid().Problems());
        Assert.Empty(new OidcOptions { Enabled = false, Authority = "nonsense" }.Problems());
    }

    [Fact]
    public void Openid_is_always_asked_for()
    {
        Assert.Equal(["openid", "profile", "email"], new OidcOptions().EffectiveScopes());
        Assert.Equal(["openid", "email", "groups"], new OidcOptions { Scopes = ["email", "groups"] }.EffectiveScopes());
    }
}

public sealed class OidcStartupTests
{
    [Fact]
    public void Switching_local_accounts_off_without_single_sign_on_stops_the_app_at_start()
    {
        using var factory = new AppFactory { Settings = { ["Auth:LocalAccounts"] = "false" } };

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Auth:LocalAccounts is false and Auth:Oidc is not enabled", refused.ToString());
    }

    [Fact]
    public void A_plain_http_authority_elsewhere_stops_the_app_at_start()
    {
        using var factory = new AppFactory
        {
            Settings = { ["Auth:Oidc:Enabled"] = "true", ["Auth:Oidc:Authority"] = "http://idp.example.com/", ["Auth:Oidc:ClientId"] = "x" },
        };

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("is not HTTPS", refused.ToString());
    }
}
