using Bunit;
using Dashboard.Questions;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components;

public sealed class QuestionsPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task Asking_answering_and_reopening_a_question_show_on_the_panel()
    {
        var id = await IncidentIdAsync("2025-10-09-azure-front-door");
        var cut = Render<QuestionsPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=questions-empty]"), Wait);

        cut.Find("textarea[data-testid=question-text]").Input("Why did the health checks pass?");
        cut.Find("[data-testid=question-ask]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Why did the health checks pass?", cut.Find("[data-testid=question-body]").TextContent.Trim()), Wait);
        Assert.Equal("1 open, 0 answered", cut.Find("[data-testid=questions-count]").TextContent.Trim());

        cut.Find("[data-testid=question-answer-start]").Click();
        cut.Find("textarea[data-testid=answer-text]").Input("The crash came only after load.");
        cut.Find("[data-testid=answer-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("The crash came only after load.", cut.Find("[data-testid=question-answer]").TextContent), Wait);
        Assert.Equal("0 open, 1 answered", cut.Find("[data-testid=questions-count]").TextContent.Trim());

        cut.Find("[data-testid=question-reopen]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=question-answer]")), Wait);
        Assert.Equal("1 open, 0 answered", cut.Find("[data-testid=questions-count]").TextContent.Trim());
    }
}
