using Dashboard.Data.Notifications;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Notifications;

public partial class FollowButton
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [Inject] private NotificationQueries Queries { get; set; } = default!;
    [Inject] private NotificationCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool? _following;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        if (User.Actor.UserId is not null) _following = await Queries.IsFollowingAsync(User.Actor, IncidentId);
    }

    private async Task ToggleAsync()
    {
        var follow = _following != true;
        _busy = true;
        var result = await Commands.FollowAsync(User.Actor, IncidentId, follow);
        _busy = false;
        if (result.Succeeded) _following = follow;
        Snackbar.Show(result, follow ? "You follow this incident: its state changes reach you as your notification settings say." : "You no longer follow this incident.");
    }
}
