using Dashboard.Data.Catalog;
using Dashboard.Data.StatusPages;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;

namespace Dashboard.StatusPages;

public partial class StatusPageDialog
{
    [Parameter] public StatusPageRow? Page { get; set; }

    [Inject] private StatusPageCommands Commands { get; set; } = default!;
    [Inject] private ServiceCatalogQueries Catalog { get; set; } = default!;

    private StatusPageForm _form = new();
    private IReadOnlyList<IGrouping<string, ServiceRef>>? _catalog;

    /// <summary>Opens the dialog; the saved page's key, or null when cancelled.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, StatusPageRow? page) =>
        (await OpenAsync<StatusPageDialog, CommandResult>(dialogs, new DialogParameters<StatusPageDialog> { { d => d.Page, page } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true }))?.Key;

    protected override async Task OnInitializedAsync()
    {
        _form = Page is null ? new StatusPageForm() : StatusPageForm.From(Page.ToInput());
        // Grouped by the catalog's groups, as the page will show them; a service already on the page stays pickable even if archived since.
        var services = await Catalog.ChoicesAsync();
        _catalog = [.. services.Where(s => !s.IsArchived || _form.Has(s.Key)).OrderBy(s => s.Group).ThenBy(s => s.Name).GroupBy(s => s.Group)];
    }

    protected override async Task<CommandResult?> SubmitAsync() => Page is null
        ? await Commands.CreateAsync(User.Actor, _form.ToInput())
        : await Commands.UpdateAsync(User.Actor, Page.Id, Page.Version, _form.ToInput());
}

/// <summary>The dialog's editable copy of a page's settings.</summary>
public sealed class StatusPageForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public StatusAudience Audience { get; set; }
    public HashSet<Role> Roles { get; } = [];
    /// <summary>OIDC groups, one per line.</summary>
    public string? Groups { get; set; }
    public string? LogoUrl { get; set; }
    public string? Description { get; set; }
    public string? Origins { get; set; }
    public bool ImpactDrivesColour { get; set; }
    private readonly List<StatusComponentInput> _components = [];

    public static StatusPageForm From(StatusPageInput input)
    {
        var form = new StatusPageForm
        {
            Key = input.Key, Name = input.Name, Audience = input.Audience, LogoUrl = input.LogoUrl, Description = input.Description,
            Origins = string.Join('\n', input.EmbedOrigins), ImpactDrivesColour = input.ImpactDrivesColour, Groups = string.Join('\n', input.Groups),
        };
        form.Roles.UnionWith(input.Roles);
        form._components.AddRange(input.Components);
        return form;
    }

    public bool Has(string serviceKey) => _components.Exists(c => c.ServiceKey == serviceKey);

    public string? NameOf(string serviceKey) => _components.Find(c => c.ServiceKey == serviceKey)?.DisplayName;

    public void Pick(ServiceRef service, bool on)
    {
        _components.RemoveAll(c => c.ServiceKey == service.Key);
        if (on) _components.Add(new StatusComponentInput(service.Key, service.Name));
    }

    public void Rename(string serviceKey, string name)
    {
        var i = _components.FindIndex(c => c.ServiceKey == serviceKey);
        if (i >= 0) _components[i] = _components[i] with { DisplayName = name };
    }

    public void Toggle(Role role, bool on)
    {
        if (on) Roles.Add(role);
        else Roles.Remove(role);
    }

    public StatusPageInput ToInput() => new()
    {
        Key = Key.Trim(), Name = Name, Audience = Audience, Roles = [.. Roles.Order()], Groups = StatusPageRules.GroupsOf((Groups ?? "").Replace("\r", "")),
        LogoUrl = LogoUrl, Description = Description,
        EmbedOrigins = StatusPageRules.Origins(Origins ?? ""), ImpactDrivesColour = ImpactDrivesColour, Components = [.. _components],
    };
}
