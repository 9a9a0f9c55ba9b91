using Dashboard.Data.Meetings;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;

namespace Dashboard.Meetings;

public partial class ReviewMeetingPanel
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Inject] private MeetingQueries Queries { get; set; } = default!;
    [Inject] private MeetingCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MeetingRow? _meeting;
    private bool _loaded;
    private bool _busy;

    private string ParticipantsText => _meeting!.ParticipantUserIds.Count switch
    {
        0 => "No participants yet",
        1 => "1 participant",
        var n => $"{n} participants",
    };

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Incident(IncidentId));
    }

    private async Task LoadAsync()
    {
        _meeting = await Queries.ForIncidentAsync(User.Actor, IncidentId);
        _loaded = true;
    }

    private async Task ScheduleAsync()
    {
        if (await ReviewMeetingDialog.ShowAsync(Dialogs, IncidentId, _meeting) is { } result) Snackbar.Show(result, "Review meeting saved.");
    }

    private async Task CancelAsync()
    {
        if (_meeting is not { } meeting) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Cancel the review meeting?", "It leaves the participants' calendars.", yesText: "Cancel the meeting", cancelText: "Keep it");
        if (confirmed != true) return;
        _busy = true;
        var result = await Commands.CancelAsync(User.Actor, IncidentId, meeting.Version);
        _busy = false;
        Snackbar.Show(result, "Review meeting cancelled.", deleting: true);
    }
}
