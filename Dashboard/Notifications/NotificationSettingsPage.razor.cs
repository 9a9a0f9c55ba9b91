using Dashboard.Ui.Kit;
using Dashboard.Data.Notifications;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Notifications;

public partial class NotificationSettingsPage
{
    private static readonly int[] Hours = [.. Enumerable.Range(0, 24)];
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [Inject] private NotificationQueries Queries { get; set; } = default!;
    [Inject] private NotificationCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private List<KindChoice>? _kinds;
    private int? _quietFrom, _quietTo;
    private string? _teams, _zone;
    private bool _busy;
    private DigestFrequency _digest = DigestDefaults.Frequency;
    private int _digestHour = DigestDefaults.Hour;
    private DayOfWeek _digestWeekday = DigestDefaults.Weekday;

    /// <summary>One row of the form: the kind's choice as the person edits it.</summary>
    private sealed class KindChoice(KindPreference p)
    {
        public NotificationKind Kind { get; } = p.Kind;
        public string Description { get; } = p.Description;
        public bool InApp { get; set; } = p.InApp;
        public bool Email { get; set; } = p.Email;
    }

    protected override async Task OnInitializedAsync()
    {
        var view = await Queries.SettingsAsync(User.Actor);
        _kinds = [.. view.Kinds.Select(k => new KindChoice(k))];
        (_quietFrom, _quietTo, _teams, _zone) = (view.QuietFromMinute / 60, view.QuietToMinute / 60, view.Teams, view.TimeZone);
        (_digest, _digestHour, _digestWeekday) = (view.DigestFrequency, view.DigestHour, view.DigestWeekday);
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var input = new NotificationSettingsInput([.. _kinds!.Select(k => new KindPreference(k.Kind, k.Description, k.InApp, k.Email))],
                _quietFrom * 60, _quietTo * 60, _teams)
            { DigestFrequency = _digest, DigestHour = _digestHour, DigestWeekday = _digestWeekday };
            var result = await Commands.SaveSettingsAsync(User.Actor, input);
            Snackbar.Add(ResultText.Of(result, "Notification settings saved."), result.Succeeded ? MudBlazor.Severity.Success : MudBlazor.Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
