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
    private SearchAnswer? _answer;

    protected override async Task OnParametersSetAsync()
    {
        _text = Q;
        _answer = Q is null ? null : await Search.SearchAsync(User.Actor, Q);
    }

    private void Submit() => Navigation.NavigateTo(SearchLinks.Page(_text));
}
