using Microsoft.Extensions.Configuration;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Hostile;

public class HttpsSetupTests
{
    private static bool Configured(params (string Key, string Value)[] settings) =>
        HttpsSetup.IsConfigured(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Https_redirection_is_on_only_when_the_app_is_served_over_https()
    {
        Assert.False(Configured());
        Assert.False(Configured(("urls", "http://0.0.0.0:8080")));
        Assert.True(Configured(("urls", "http://0.0.0.0:8080;https://0.0.0.0:8443")));
        Assert.True(Configured(("https_port", "443")));
        Assert.True(Configured(("Kestrel:Endpoints:Secure:Url", "https://*:8443")));
        Assert.False(Configured(("Kestrel:Endpoints:Plain:Url", "http://*:8080")));
    }
}
