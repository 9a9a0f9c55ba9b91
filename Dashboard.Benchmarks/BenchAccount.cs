using System.Diagnostics;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>
/// The account the browser and load benchmarks sign in with: a viewer, like the leadership that opens
/// a status review, so every query also applies the private-incident rule.
/// </summary>
public static class BenchAccount
{
    public const string Email = "bench-viewer@example.com";
    private const string Password = "bench viewer password 42";

    /// <summary>Adds the account with the app's own CLI (once: a second add of the same email is refused and that is fine).</summary>
    /// <param name="environment">Overrides for the CLI's settings (another store's connection string and provider).</param>
    public static async Task EnsureAsync(string appDll, string databasePath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", [appDll, "users", "add", Email, "--role", "viewer", "--name", "Bench Viewer"])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["ConnectionStrings__IncidentBoard"] = $"Data Source={databasePath}" },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(Password);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !output.Contains("already", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"could not add the bench account: {output}");
    }

    /// <summary>Signs in through the real sign-in form and returns the browser state (its cookies) for new contexts.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, string baseUrl)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.Locator("[data-testid=login-email]").FillAsync(Email);
        await page.Locator("[data-testid=login-password]").FillAsync(Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return await context.StorageStateAsync();
    }

    /// <summary>The signed-in cookies as one Cookie header, for wrk.</summary>
    public static string CookieHeader(string storageState) =>
        string.Join("; ", System.Text.Json.JsonDocument.Parse(storageState).RootElement.GetProperty("cookies").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("value").GetString()}"));
}
