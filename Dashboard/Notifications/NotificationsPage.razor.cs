using Dashboard.Ui.Kit;
using Dashboard.Data.Notifications;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Notifications;

public partial class NotificationsPage
{
    [Inject] private NotificationQueries Queries { get; set; } = default!;
    [Inject] private NotificationCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<NotificationRow>? _rows;
    private bool HasUnread => _rows?.Any(r => r.ReadAt is null) == true;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, NotificationPublisher.Bell);
    }

    private async Task LoadAsync() => _rows = await Queries.ListAsync(User.Actor);

    private async Task MarkReadAsync(long? id)
    {
        _busy = true;
        try
        {
            var result = await Commands.MarkReadAsync(User.Actor, id);
            if (!result.Succeeded) Snackbar.Add(ResultText.Of(result), MudBlazor.Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
