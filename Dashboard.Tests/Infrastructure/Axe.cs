using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Tests.Infrastructure;

/// <summary>axe-core's WCAG 2.0 and 2.1 A and AA rules, as every accessibility test runs them.</summary>
public static class Axe
{
    /// <summary>
    /// The serious and critical violations on the page, each naming its rule, element and why. Waits for
    /// running transitions first: a theme change fades colours in, and contrast read mid-fade is neither
    /// theme's.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousProblemsAsync(this IPage page)
    {
        await page.SettleAsync();
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{v.Impact} {v.Id} at {n.Target}: {v.Help}; {n.Any.Concat(n.All).FirstOrDefault()?.Message} ({Short(n.Html)})"))];
    }

    private static string Short(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
