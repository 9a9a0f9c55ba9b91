using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Host.CommandLine;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Users;

public partial class UsersPage
{
    [Inject] private UserQueries Queries { get; set; } = default!;
    [Inject] private UserCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;

    private IReadOnlyList<UserRow>? _users;

    protected override async Task OnInitializedAsync() => _users = await Queries.ListAsync();

    /// <summary>Admins manage viewers and responders; owners everyone (the door checks the same).</summary>
    private bool MayManage(Role role) => User.Actor.Role == Role.Owner || role < Role.Admin;

    private async Task ReloadAfterAsync(CommandResult result, string done)
    {
        Snackbar.Show(result, done);
        _users = await Queries.ListAsync();
    }

    private async Task SetRoleAsync(UserRow user, Role role) =>
        await ReloadAfterAsync(await Commands.SetRoleAsync(User.Actor, user.Id, role), $"{user.DisplayName} is now {role}.");

    private async Task ToggleAsync(UserRow user) =>
        await ReloadAfterAsync(await Commands.SetDisabledAsync(User.Actor, user.Id, !user.IsDisabled), $"{(user.IsDisabled ? "Enabled" : "Disabled")} {user.DisplayName}.");

    private async Task ResetAsync(UserRow user)
    {
        var temporary = UsersCommandLine.TemporaryPassword();
        var result = await Commands.ResetPasswordAsync(User.Actor, user.Id, temporary);
        await ReloadAfterAsync(result, $"Password of {user.DisplayName} reset.");
        if (result.Succeeded) await ShowPasswordAsync(user.Email, temporary);
    }

    private async Task AddAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewUserDialog>("Add user", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: (string email, string password) }) return;
        _users = await Queries.ListAsync();
        await ShowPasswordAsync(email, password);
    }

    /// <summary>The temporary password is shown once, here; it is stored only as a hash.</summary>
    private Task ShowPasswordAsync(string email, string password) =>
        Dialogs.ShowMessageBoxAsync("Temporary password",
            $"Give {email} this password: {password} — it is shown only now, and must be changed at the first sign-in.", yesText: "Done");
}
