using Dashboard.Data.Notifications;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Notifications;

public partial class NotificationBell
{
    [Inject] private NotificationQueries Queries { get; set; } = default!;

    private int _unread;

    private string Label => _unread == 0 ? "Notifications" : $"Notifications, {_unread} unread";

    protected override async Task OnInitializedAsync()
    {
        if (!User.IsSignedIn) return;
        await LoadAsync();
        // The bus tells this circuit only of the changes to its own person's notifications (and, as to everyone, of missed changes).
        Follow(LoadAsync, NotificationPublisher.Bell);
    }

    private async Task LoadAsync() => _unread = await Queries.UnreadCountAsync(User.Actor);
}
