using Dashboard.Data.StatusPages;
using Dashboard.StatusPages;
using static Dashboard.Host.CommandLine.CommandLineArgs;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `status-pages export PAGE DIR --url URL`: writes a public status page as static files (see
/// <see cref="StatusExport"/>), built from the database as the server builds it, so it can be served
/// from any static host while the app, or its database, is down.
/// </summary>
public static class StatusPagesCommandLine
{
    private const string Usage = """
        Usage: Dashboard status-pages export PAGE DIR --url URL
          PAGE  the page's key (its address /pages/PAGE); only public pages can be exported
          DIR   the folder to write index.html, status.css, feed.atom, feed.rss, badge.svg, widget.html and api/v2/*.json to
          URL   where the files will be served, e.g. https://status.example.com/ (the feeds and JSON link to it)
        """;

    public static bool IsCommand(string[] args) => args is ["status-pages", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (words, options, settings) = Split(args[1..], "url");
        if (words is not ["export", var key, var directory]) return Fail(error, Usage, 2);
        if (!options.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Fail(error, "status-pages export needs --url with the http(s) address the files will be served from.\n" + Usage, 2);
        await using var services = await OpenDataAsync(settings);
        var snapshots = services.GetRequiredService<StatusSnapshots>();
        if (!await snapshots.RebuildAsync()) return Fail(error, "The database could not be read; see the log above.", 1);
        if (snapshots.Find(key) is not { } snapshot) return Fail(error, $"No status page has the key '{key}'.", 1);
        if (snapshot.Page.Audience != StatusAudience.Public)
            return Fail(error, $"'{key}' is {snapshot.Page.Audience.ToString().ToLowerInvariant()}: static files cannot check who reads them, so only public pages are exported.", 1);
        var written = StatusExport.Write(snapshot, directory, url);
        output.WriteLine($"Wrote {written.Count} files for '{key}' to {Path.GetFullPath(directory)} (state as of {snapshot.BuiltAt:yyyy-MM-dd HH:mm} UTC).");
        return 0;
    }
}
