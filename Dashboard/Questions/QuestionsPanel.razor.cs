using Dashboard.Data.Questions;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Questions;

public partial class QuestionsPanel
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Inject] private QuestionQueries Queries { get; set; } = default!;
    [Inject] private QuestionCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<QuestionView>? _questions;
    private IReadOnlyList<QuestionEventChoice> _events = [];
    private QuestionInput _input = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private int? _answering;
    private string? _answer;
    private bool _busy;

    private string CountText
    {
        get
        {
            var open = _questions!.Count(q => !q.IsAnswered);
            return $"{open} open, {_questions!.Count - open} answered";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Incident(IncidentId));
    }

    private async Task LoadAsync()
    {
        _questions = await Queries.ListAsync(User.Actor, IncidentId);
        _events = await Queries.EventChoicesAsync(User.Actor, IncidentId);
    }

    private async Task AskAsync()
    {
        _busy = true;
        var result = await Commands.AskAsync(User.Actor, IncidentId, _input);
        _busy = false;
        _errors = result.Errors;
        if (Snackbar.Show(result, "Question added.")) _input = new QuestionInput();
    }

    private void StartAnswer(QuestionView q)
    {
        _answering = q.Id;
        _answer = "";
    }

    private async Task AnswerAsync(QuestionView q)
    {
        _busy = true;
        var result = await Commands.AnswerAsync(User.Actor, IncidentId, q.Id, q.Version, _answer);
        _busy = false;
        if (Snackbar.Show(result, "Answer saved.")) _answering = null;
    }

    private async Task ReopenAsync(QuestionView q)
    {
        _busy = true;
        var result = await Commands.ReopenAsync(User.Actor, IncidentId, q.Id, q.Version);
        _busy = false;
        Snackbar.Show(result, "Question reopened.");
    }

    private async Task RemoveAsync(QuestionView q)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove the question?", q.Text, yesText: "Remove", cancelText: "Keep it");
        if (confirmed != true) return;
        _busy = true;
        var result = await Commands.DeleteAsync(User.Actor, IncidentId, q.Id, q.Version);
        _busy = false;
        Snackbar.Show(result, "Question removed.", deleting: true);
    }
}
