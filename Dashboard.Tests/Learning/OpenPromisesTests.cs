using Dashboard.Data.Learning;

namespace Dashboard.Tests.Learning;

/// <summary>The "still open when it repeated" rule on hand-made actions around one repeat.</summary>
public sealed class OpenPromisesTests
{
    private static readonly DateTime Repeat = new(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Agreed = Repeat.AddDays(-20);

    private static PromiseAction Action(int id, DateTime created, DateOnly? due = null, params (ActionStatus Status, DateTime At)[] moves) =>
        new(id, $"action {id}", $"owner {id}", null, due, created,
            [new StatusAt(ActionStatus.Open, created), .. moves.Select(m => new StatusAt(m.Status, m.At))]);

    private static OpenPromise Single(PromiseAction action) => Assert.Single(OpenPromises.At([action], Repeat));

    [Fact]
    public void An_action_agreed_after_the_repeat_started_was_no_promise_yet()
    {
        Assert.Empty(OpenPromises.At([Action(1, Repeat.AddMinutes(1)), Action(2, Repeat)], Repeat));
    }

    [Fact]
    public void An_action_done_just_before_the_repeat_was_kept()
    {
        Assert.Empty(OpenPromises.At([Action(1, Agreed, null, (ActionStatus.Done, Repeat.AddMinutes(-1)))], Repeat));
    }

    [Fact]
    public void A_move_at_the_very_minute_the_repeat_started_counts_as_in_time()
    {
        Assert.Empty(OpenPromises.At([Action(1, Agreed, null, (ActionStatus.Done, Repeat))], Repeat));
    }

    [Fact]
    public void An_action_declared_wont_do_before_the_repeat_is_not_an_open_promise()
    {
        Assert.Empty(OpenPromises.At([Action(1, Agreed, null, (ActionStatus.WontDo, Repeat.AddDays(-3)))], Repeat));
    }

    [Fact]
    public void An_action_never_closed_is_open_and_has_no_closing_time()
    {
        var open = Single(Action(1, Agreed));

        Assert.Equal((ActionStatus.Open, (DateTime?)null, (ActionStatus?)null), (open.StatusAtRepeat, open.ClosedAt, open.ClosedAs));
        Assert.Equal("owner 1", open.Owner);
    }

    [Fact]
    public void An_action_done_after_the_repeat_was_open_then_and_shows_when_it_was_finally_closed()
    {
        var open = Single(Action(1, Agreed, null, (ActionStatus.InProgress, Agreed.AddDays(2)), (ActionStatus.Done, Repeat.AddDays(30))));

        Assert.Equal(ActionStatus.InProgress, open.StatusAtRepeat);
        Assert.Equal((Repeat.AddDays(30), ActionStatus.Done), (open.ClosedAt!.Value, open.ClosedAs!.Value));
    }

    [Fact]
    public void An_action_declared_wont_do_after_the_repeat_was_open_then()
    {
        var open = Single(Action(1, Agreed, null, (ActionStatus.WontDo, Repeat.AddHours(1))));

        Assert.Equal((ActionStatus.Open, ActionStatus.WontDo), (open.StatusAtRepeat, open.ClosedAs!.Value));
    }

    [Fact]
    public void An_action_reopened_before_the_repeat_is_open_and_one_reopened_after_closing_is_not_closed()
    {
        var reopened = Single(Action(1, Agreed, null, (ActionStatus.Done, Agreed.AddDays(1)), (ActionStatus.Open, Agreed.AddDays(5))));
        var closedThenReopened = Single(Action(2, Agreed, null, (ActionStatus.Done, Repeat.AddDays(1)), (ActionStatus.InProgress, Repeat.AddDays(2))));

        Assert.Equal(ActionStatus.Open, reopened.StatusAtRepeat);
        Assert.Null(closedThenReopened.ClosedAt);
    }

    [Fact]
    public void Overdue_days_count_from_the_day_after_the_due_date_in_UTC()
    {
        var rows = OpenPromises.At(
        [
            Action(1, Agreed, new DateOnly(2026, 1, 20)),
            Action(2, Agreed, new DateOnly(2026, 2, 1)),
            Action(3, Agreed, new DateOnly(2026, 3, 1)),
            Action(4, Agreed),
        ], Repeat);

        Assert.Equal([12, null, null, null], rows.Select(r => r.DaysOverdueAtRepeat));
    }

    [Fact]
    public void The_history_is_read_in_time_order_whatever_order_it_arrives_in()
    {
        var action = new PromiseAction(1, "a", null, "Edge", null, Agreed,
            [new StatusAt(ActionStatus.Done, Repeat.AddDays(-1)), new StatusAt(ActionStatus.Open, Agreed)]);

        Assert.Empty(OpenPromises.At([action], Repeat));
    }
}
