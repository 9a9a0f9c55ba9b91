using Dashboard.Api;
using Dashboard.Data.Trackers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Dashboard.Ui.Kit;
using MudBlazor;

namespace Dashboard.Trackers;

public partial class TrackersPage
{
    [Inject] private TrackerQueries Queries { get; set; } = default!;
    [Inject] private TrackerCommands Commands { get; set; } = default!;
    [Inject] private TrackerCallStore Calls { get; set; } = default!;
    [Inject] private IOptionsMonitor<TrackerOptions> Options { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private TrackerConnectionInput _input = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private IReadOnlyList<TrackerConnectionRow>? _connections;
    private IReadOnlyList<TrackerProblemRow>? _problems;
    private bool _saving;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override async Task OnInitializedAsync()
    {
        Follow(LoadAsync, ChangeScope.Actions);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _connections = await Queries.ConnectionsAsync();
        _problems = await Queries.ProblemsAsync();
    }

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private void KindChanged(TrackerKind kind)
    {
        _input.Kind = kind;
        _input.BaseUrl = kind == TrackerKind.GitHub ? "https://api.github.com" : "https://your-site.atlassian.net";
    }

    private string WebhookAddress(TrackerConnectionRow c) => $"{Navigation.BaseUri.TrimEnd('/')}{ApiSetup.Prefix}/trackers/{c.Name}/webhook";

    /// <summary>Whether the settings are there, never what they hold.</summary>
    private string Configured(TrackerConnectionRow c)
    {
        var credentials = Options.CurrentValue.For(c.Name);
        var token = string.IsNullOrEmpty(credentials?.Token) ? "token missing" : "token set";
        var secret = string.IsNullOrEmpty(credentials?.WebhookSecret) ? "webhook secret missing" : "webhook secret set";
        return $"{token} · {secret}";
    }

    private async Task ConnectAsync()
    {
        _saving = true;
        try
        {
            var result = await Commands.ConnectAsync(User.Actor, _input);
            _errors = result.Errors;
            if (!Snackbar.Show(result, $"Connected {_input.Name.Trim()}.")) return;
            _input = new TrackerConnectionInput();
            await LoadAsync();
        }
        finally { _saving = false; }
    }

    private async Task DisconnectAsync(TrackerConnectionRow c)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Disconnect tracker",
            $"Disconnect {c.Name}? Its issues stay in {TrackerCommands.Label(c.Kind)}; actions keep their links but no longer sync.", yesText: "Disconnect", cancelText: "Cancel");
        if (sure != true) return;
        Snackbar.Show(await Commands.DisconnectAsync(User.Actor, c.Id, c.Version), $"Disconnected {c.Name}.");
        await LoadAsync();
    }

    private async Task RetryAsync(TrackerProblemRow call)
    {
        if (await Calls.RetryAsync(call.Id, Now, CancellationToken.None)) Snackbar.Add("It will be tried again shortly.", MudBlazor.Severity.Info);
        await LoadAsync();
    }
}
