using System.Globalization;
using Dashboard.Data.Meetings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Meetings;

public partial class ReviewMeetingDialog
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss"];

    [Parameter, EditorRequired] public int IncidentId { get; set; }
    /// <summary>The meeting to change; null to schedule one.</summary>
    [Parameter] public MeetingRow? Meeting { get; set; }
    [Inject] private MeetingCommands Commands { get; set; } = default!;
    [Inject] private MeetingQueries Queries { get; set; } = default!;

    private MeetingInput _input = new();
    private string? _startsAt;
    private IReadOnlyList<FacilitatorChoice>? _choices;
    private IReadOnlyCollection<string> _participants = [];

    public static Task<CommandResult?> ShowAsync(IDialogService dialogs, int incidentId, MeetingRow? meeting) =>
        OpenAsync<ReviewMeetingDialog, CommandResult>(dialogs,
            new DialogParameters<ReviewMeetingDialog> { { d => d.IncidentId, incidentId }, { d => d.Meeting, meeting } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    protected override async Task OnInitializedAsync()
    {
        if (Meeting is { } m)
        {
            _input = new MeetingInput { DurationMinutes = m.DurationMinutes, FacilitatorUserId = m.FacilitatorUserId, Location = m.Location };
            _startsAt = m.StartsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            _participants = m.ParticipantUserIds;
        }
        _choices = await Queries.FacilitatorChoicesAsync(User.Actor, IncidentId);
    }

    private string PersonLabel(string? id) => _choices?.FirstOrDefault(c => c.UserId == id) is { } c
        ? c.DisplayName + (c.Involved ? " (took part)" : "")
        : "";

    protected override async Task<CommandResult?> SubmitAsync()
    {
        _input.StartsAt = null;
        if (!string.IsNullOrWhiteSpace(_startsAt))
        {
            if (!DateTime.TryParseExact(_startsAt.Trim(), TimeFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                return CommandResult.Invalid("review meeting", nameof(MeetingInput.StartsAt), $"'{_startsAt}' is not a UTC time (use 2026-12-10 15:00).");
            }
            _input.StartsAt = at;
        }
        _input.ParticipantUserIds = [.. _participants];
        return await Commands.ScheduleAsync(User.Actor, IncidentId, _input, Meeting?.Version);
    }
}
