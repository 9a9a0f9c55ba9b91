using Dashboard.Data.Search;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Search;

public partial class SearchPage
{
    [Inject] private FullTextSearch Search { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;

    /// <summary>The search, from the address (?q=), so a search can be linked to and Ctrl+K can open one.</summary>
    [SupplyParameterFromQuery] public string? Q { get; set; }

    private string? _text;
    private string? _shownQ;
    private SearchAnswer? _answer;

    protected override async Task OnParametersSetAsync()
    {
        // Parameters are set again when a cascading value (the signed-in person) changes; only a new ?q= may
        // replace what the person is typing.
        if (Q != _shownQ) _text = Q;
        _shownQ = Q;
        _answer = Q is null ? null : await Search.SearchAsync(User.Actor, Q);
    }

    private void Submit() => Navigation.NavigateTo(SearchLinks.Page(_text));
}
