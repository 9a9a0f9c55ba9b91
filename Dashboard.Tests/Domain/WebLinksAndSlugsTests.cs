namespace Dashboard.Tests.Domain;

public class WebLinksAndSlugsTests
{
    [Theory]
    [InlineData("https://blog.cloudflare.com/18-november-2025-outage/", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JAVASCRIPT:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative/path", false)]
    [InlineData("", false)]
    public void Only_absolute_http_and_https_links_are_safe(string url, bool safe) => Assert.Equal(safe, WebLinks.IsSafeHttpUrl(url));

    [Fact]
    public void Slugs_start_with_the_date_and_keep_only_safe_characters() =>
        Assert.Equal("2025-11-18-global-5xx-errors-cafe", Slugs.FromTitle("Global 5xx errors — café!", new DateTime(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc)));
}
