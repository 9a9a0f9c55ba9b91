namespace Dashboard.Host;

public static class PublicAddressSetup
{
    /// <summary>
    /// The top-level <c>PublicUrl</c> setting as <see cref="PublicAddress"/>: the one address every link
    /// that leaves the app starts with (mail, tracker issues). A start with a value that is not an
    /// absolute http(s) address is refused, naming the setting.
    /// </summary>
    public static IServiceCollection AddPublicAddress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicAddress>()
            .Configure(a => { if (configuration[PublicAddress.Setting] is { Length: > 0 } url) a.Url = url; })
            .Validate(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps),
                $"{PublicAddress.Setting} must be an absolute http or https address, such as https://incidents.example.com")
            .ValidateOnStart();
        return services;
    }
}
