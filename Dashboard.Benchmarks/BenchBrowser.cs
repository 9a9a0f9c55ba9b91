using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

public static class BenchBrowser
{
    /// <summary>Debian's Chromium, headless. No GPU here: any WebGL would run on the software renderer.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--enable-unsafe-swiftshader"],
        });
}
