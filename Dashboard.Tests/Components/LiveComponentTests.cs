using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Components;

/// <summary>
/// LiveComponent ends on the saved state whatever the timing of changes and loads. The view under
/// test reads a value, waits where the test says (as a query waits for the database), then shows
/// what it read. Everything runs on the renderer's dispatcher, which runs work in the order it was
/// posted, so <see cref="SettleAsync"/> returns once all that was set in motion has run.
/// </summary>
public sealed class LiveComponentTests : BunitContext, IAsyncLifetime
{
    private readonly ChangeBus _bus = new();
    private readonly SavedValue _saved = new();

    public LiveComponentTests()
    {
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(_bus);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public async Task Two_changes_that_arrive_during_one_reload_leave_the_view_on_the_saved_state()
    {
        var view = Render<ValueView>(p => p.Add(v => v.Saved, _saved));
        Assert.Equal("shown 0", view.Markup);

        var slowRead = _saved.BlockReadsOf(1);
        Save(1);
        Assert.Equal(1, await _saved.BlockedReads.Reader.ReadAsync()); // the reload read 1 and waits for its answer
        Save(2);
        Save(3); // both committed while it waits
        slowRead.SetResult();
        await SettleAsync(view);

        Assert.Equal("shown 3", view.Markup);
    }

    [Fact]
    public async Task A_change_during_the_first_load_is_shown_once_that_load_ends()
    {
        _saved.Value = 1;
        var slowRead = _saved.BlockReadsOf(1);
        var view = Render<ValueView>(p => p.Add(v => v.Saved, _saved));
        Assert.Equal(1, await _saved.BlockedReads.Reader.ReadAsync());
        Save(2); // the view already follows: it hears this while its first load waits
        slowRead.SetResult();
        await SettleAsync(view);

        Assert.Equal("shown 2", view.Markup);
    }

    [Fact]
    public async Task A_view_that_follows_after_its_first_load_still_catches_a_change_made_during_it()
    {
        _saved.Value = 1;
        var slowRead = _saved.BlockReadsOf(1);
        var view = Render<ValueView>(p => p.Add(v => v.Saved, _saved).Add(v => v.FollowAfterLoad, true));
        Assert.Equal(1, await _saved.BlockedReads.Reader.ReadAsync());
        Save(2); // nobody follows yet: only the bus's sequence records it
        slowRead.SetResult();
        await SettleAsync(view);

        Assert.Equal("shown 2", view.Markup);
    }

    private void Save(int value)
    {
        _saved.Value = value;
        _bus.Publish(new Change(ChangeScope.Catalog, "service.updated"));
    }

    /// <summary>Runs behind everything already posted to the dispatcher, and again behind what that posted.</summary>
    private static async Task SettleAsync(IRenderedComponent<ValueView> view)
    {
        for (var i = 0; i < 3; i++) await view.InvokeAsync(() => { });
    }

    /// <summary>The "database": the saved value, and reads of one value that wait until the test lets them answer.</summary>
    public sealed class SavedValue
    {
        private readonly Lock _gate = new();
        private int _value;
        private int _blockedValue = -1;
        private TaskCompletionSource _blocked = new();

        public int Value { set { lock (_gate) _value = value; } }

        /// <summary>The values read that wait for the test.</summary>
        public System.Threading.Channels.Channel<int> BlockedReads { get; } = System.Threading.Channels.Channel.CreateUnbounded<int>();

        /// <summary>From now on a read that finds <paramref name="value"/> waits until the returned source is completed.</summary>
        public TaskCompletionSource BlockReadsOf(int value)
        {
            lock (_gate) (_blocked, _blockedValue) = (new TaskCompletionSource(), value);
            return _blocked;
        }

        public async Task<int> ReadAsync()
        {
            int value;
            Task answered = Task.CompletedTask;
            lock (_gate)
            {
                value = _value;
                if (value == _blockedValue) answered = _blocked.Task;
            }
            if (!answered.IsCompleted) BlockedReads.Writer.TryWrite(value);
            await answered;
            return value;
        }
    }

    /// <summary>A live view of the saved value, following the catalog scope.</summary>
    public sealed class ValueView : LiveComponent
    {
        [Parameter, EditorRequired] public SavedValue Saved { get; set; } = default!;
        [Parameter] public bool FollowAfterLoad { get; set; }
        private int? _shown;

        protected override async Task OnInitializedAsync()
        {
            if (!FollowAfterLoad) Follow(LoadAsync, ChangeScope.Catalog);
            await LoadAsync();
            if (FollowAfterLoad) Follow(LoadAsync, ChangeScope.Catalog);
        }

        private async Task LoadAsync() => _shown = await Saved.ReadAsync();

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, $"shown {_shown}");
    }
}
