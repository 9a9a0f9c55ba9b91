using Dashboard.Data.Webhooks;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Webhooks;

public partial class WebhooksPage
{
    [Inject] private WebhookQueries Queries { get; set; } = default!;
    [Inject] private WebhookCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;

    private IReadOnlyList<WebhookEndpointRow>? _endpoints;
    private WebhookEndpointRow? _selected;
    private (string Url, string Secret)? _secret;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _endpoints = await Queries.ListAsync(User.Actor);
        _selected = _selected is null ? null : _endpoints.FirstOrDefault(e => e.Id == _selected.Id);
    }

    private async Task RegisterAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewWebhookDialog>("Register endpoint", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: (string url, string secret) }) return;
        _secret = (url, secret);
        await ReloadAsync();
    }

    private void Select(WebhookEndpointRow endpoint) => _selected = _selected?.Id == endpoint.Id ? null : endpoint;

    private async Task RotateAsync(WebhookEndpointRow endpoint)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Rotate secret",
            "Deliveries are signed with the new secret from now on; the receiver must be given it before it can verify them.", yesText: "Rotate", cancelText: "Cancel");
        if (sure != true) return;
        var (result, secret) = await Commands.RotateSecretAsync(User.Actor, endpoint.Id);
        if (secret is not null) _secret = (endpoint.Url, secret);
        await AfterAsync(result, "Secret rotated.");
    }

    private async Task ToggleAsync(WebhookEndpointRow endpoint) =>
        await AfterAsync(await Commands.SetEnabledAsync(User.Actor, endpoint.Id, !endpoint.IsEnabled), endpoint.IsEnabled ? "Endpoint disabled." : "Endpoint enabled.");

    private async Task TogglePrivateAsync(WebhookEndpointRow endpoint)
    {
        if (!endpoint.IncludePrivate)
        {
            var sure = await Dialogs.ShowMessageBoxAsync("Send private incidents",
                $"Private incidents' titles, timelines, actions and people will be sent to {endpoint.Url}. Only do this for a receiver that keeps them private.",
                yesText: "Send private incidents", cancelText: "Cancel");
            if (sure != true) return;
        }
        await AfterAsync(await Commands.SetIncludePrivateAsync(User.Actor, endpoint.Id, !endpoint.IncludePrivate),
            endpoint.IncludePrivate ? "Private incidents are no longer sent there." : "Private incidents are sent there too.");
    }

    private async Task DeleteAsync(WebhookEndpointRow endpoint)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete endpoint", $"Delete {endpoint.Url} and its delivery log? Pending deliveries are dropped.", yesText: "Delete", cancelText: "Cancel");
        if (sure != true) return;
        if (_selected?.Id == endpoint.Id) _selected = null;
        await AfterAsync(await Commands.DeleteAsync(User.Actor, endpoint.Id), "Endpoint deleted.");
    }

    private async Task AfterAsync(Dashboard.Data.Kernel.CommandResult result, string done)
    {
        Snackbar.Show(result, done);
        await ReloadAsync();
    }
}
