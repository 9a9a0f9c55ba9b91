namespace Dashboard.Data.Kernel;

/// <summary>
/// The address people reach the app at from outside (the top-level setting <c>PublicUrl</c>, e.g.
/// https://incidents.example.com). Every link that leaves the app starts with it: notification and
/// status-page mail, unsubscribe links, the link back in a tracker issue. One setting, so the links
/// cannot disagree.
/// </summary>
public sealed class PublicAddress
{
    public const string Setting = "PublicUrl";

    /// <summary>The app's own default address (the launch profile's), for a machine nobody reaches from outside.</summary>
    public string Url { get; set; } = "http://localhost:5111";

    /// <summary>An absolute link to <paramref name="path"/> ("/incidents/x" or "incidents/x").</summary>
    public string Link(string path) => $"{Url.TrimEnd('/')}/{path.TrimStart('/')}";
}
