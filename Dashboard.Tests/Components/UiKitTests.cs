using System.Text.Json;
using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Components;

/// <summary>The shared UI kit: one way to report a command, one dialog base, one Plotly host.</summary>
public sealed class UiKitTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_command_is_reported_with_the_page_s_words_and_its_warnings_or_with_ResultText_s_reason()
    {
        var snackbar = Services.GetRequiredService<ISnackbar>();
        var saved = CommandResult.Ok("timeline event") with { Warnings = ["Probable duplicate of the event at 11:28."] };
        var stale = CommandResult.Conflict("timeline event", Guid.NewGuid());

        Assert.True(snackbar.Show(saved, "Event saved."));
        Assert.False(snackbar.Show(stale, "Event saved."));
        Assert.False(snackbar.Show(CommandResult.Forbidden("theme"), failedPrefix: "The theme was not saved"));
        Assert.True(snackbar.Show(CommandResult.NotFound("incident"), "Deleted.", deleting: true)); // someone was quicker: gone either way

        Assert.Equal(
            [("Event saved.", MudBlazor.Severity.Success), ("Probable duplicate of the event at 11:28.", MudBlazor.Severity.Warning),
             (ResultText.Of(stale), MudBlazor.Severity.Warning), ($"The theme was not saved: {ResultText.Of(CommandResult.Forbidden("theme"))}", MudBlazor.Severity.Warning),
             ("The incident was already deleted.", MudBlazor.Severity.Info)],
            snackbar.ShownSnackbars.Select(s => (s.Message, s.Severity)));
    }

    [Fact]
    public async Task A_form_dialog_saves_once_at_a_time_with_its_button_disabled_and_shows_field_errors_and_the_problem()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<SlowDialog>("Slow"));
        var dialog = provider.FindComponent<SlowDialog>().Instance;

        var first = provider.Find("[data-testid=slow-save]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.True(provider.Find("[data-testid=slow-save]").HasAttribute("disabled")), Wait);
        Assert.Contains("Saving…", provider.Find("[data-testid=slow-save]").TextContent);
        await provider.InvokeAsync(dialog.SaveNowAsync); // a double click: returns at once, writes nothing
        Assert.Equal(1, dialog.Submits);

        dialog.Finish(CommandResult.Invalid("service", new Dictionary<string, string> { [""] = "Nothing was saved.", ["Name"] = "Name the service." }));
        await first;
        provider.WaitForAssertion(() => Assert.Equal("Nothing was saved.", provider.Find("[data-testid=slow-problem]").TextContent.Trim()), Wait);
        Assert.Equal("Name the service.", provider.Find("[data-testid=slow-name-error]").TextContent);
        Assert.False(provider.Find("[data-testid=slow-save]").HasAttribute("disabled"));

        var second = provider.Find("[data-testid=slow-save]").ClickAsync(new());
        var saved = CommandResult.Ok("service", key: "checkout");
        dialog.Finish(saved);
        await second;
        Assert.Same(saved, (await reference.Result)!.Data);
    }

    [Fact]
    public void The_plotly_host_turns_a_click_on_a_point_into_the_id_its_builder_gave_it()
    {
        var clicked = new List<int>();
        var figure = new ChartFigure([], new Plotly.Blazor.Layout());
        var cut = Render<PlotlyFigure>(p => p
            .Add(x => x.Figure, figure)
            .Add(x => x.PointIds, new Dictionary<(int, int), int> { [(1, 2)] = 42 })
            .Add(x => x.OnPointClicked, id => clicked.Add(id)));
        var chart = cut.FindComponent<PlotlyChart>().Instance;

        chart.ClickAction!([new EventDataPoint { CurveNumber = Number(1), PointNumber = Number(2) }]);
        chart.ClickAction!([new EventDataPoint { CurveNumber = Number(0), PointNumber = Number(2) }]); // a point with no id: a phase line, a bar

        cut.WaitForAssertion(() => Assert.Equal([42], clicked), Wait);
    }

    private static JsonElement Number(int n) => JsonDocument.Parse(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;

    /// <summary>A dialog on the kit whose save waits until the test finishes it.</summary>
    private sealed class SlowDialog : FormDialog
    {
        private TaskCompletionSource<CommandResult?> _pending = new();

        public int Submits { get; private set; }

        public Task SaveNowAsync() => SaveAsync();

        public void Finish(CommandResult result)
        {
            var pending = _pending;
            _pending = new();
            pending.SetResult(result);
        }

        protected override Task<CommandResult?> SubmitAsync()
        {
            Submits++;
            return _pending.Task;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<FormDialogFrame>(0);
            builder.AddComponentParameter(1, nameof(FormDialogFrame.Problem), Problem);
            builder.AddComponentParameter(2, nameof(FormDialogFrame.ProblemTestId), "slow-problem");
            builder.AddComponentParameter(3, nameof(FormDialogFrame.Saving), Saving);
            builder.AddComponentParameter(4, nameof(FormDialogFrame.OnSave), EventCallback.Factory.Create(this, SaveAsync));
            builder.AddComponentParameter(5, nameof(FormDialogFrame.SaveTestId), "slow-save");
            builder.AddComponentParameter(6, nameof(FormDialogFrame.ChildContent), (RenderFragment)(b =>
            {
                b.OpenElement(0, "span");
                b.AddAttribute(1, "data-testid", "slow-name-error");
                b.AddContent(2, ErrorOf("Name"));
                b.CloseElement();
            }));
            builder.CloseComponent();
        }
    }
}
