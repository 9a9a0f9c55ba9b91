using Dashboard.Data.Incidents;
using Dashboard.Api;


namespace Dashboard.Tests.Domain;

public sealed class ChangeBusTests
{
    [Fact]
    public void A_subscriber_hears_only_its_own_scope()
    {
        var bus = new ChangeBus();
        var heard = new List<Change>();
        using var _ = bus.Subscribe(ChangeScope.Incident(1), Actor.System, heard.Add);

        bus.Publish(new Change(ChangeScope.Incident(2), "timeline_event.created"));
        bus.Publish(new Change(ChangeScope.Catalog, "service.updated"));
        bus.Publish(new Change(ChangeScope.Incident(1), "incident.updated"));

        Assert.Equal("incident.updated", Assert.Single(heard).Action);
    }

    [Fact]
    public void A_disposed_subscription_hears_nothing_more_and_the_others_still_do()
    {
        var bus = new ChangeBus();
        var first = new List<Change>();
        var second = new List<Change>();
        var subscription = bus.Subscribe(ChangeScope.Actions, Actor.System, first.Add);
        using var other = bus.Subscribe(ChangeScope.Actions, Actor.System, second.Add);

        subscription.Dispose();
        subscription.Dispose(); // twice is harmless
        bus.Publish(new Change(ChangeScope.Actions, "action.updated"));

        Assert.Empty(first);
        Assert.Single(second);
    }

    [Fact]
    public void A_handler_may_unsubscribe_while_being_told()
    {
        var bus = new ChangeBus();
        IDisposable? self = null;
        var calls = 0;
        self = bus.Subscribe(ChangeScope.Catalog, Actor.System, _ => { calls++; self!.Dispose(); });

        bus.Publish(new Change(ChangeScope.Catalog, "service.created"));
        bus.Publish(new Change(ChangeScope.Catalog, "service.created"));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Everything_changed_reaches_every_view_in_its_own_scope_and_the_caches_and_moves_the_sequence()
    {
        var bus = new ChangeBus();
        var heard = new List<Change>();
        var cached = new List<Change>();
        using var incident = bus.Subscribe(ChangeScope.Incident(7), Actor.Person("otto@example.com", Role.Viewer) with { UserId = "otto" }, heard.Add);
        using var catalog = bus.Subscribe(ChangeScope.Catalog, Actor.System, heard.Add);
        using var cache = bus.ObserveAll(cached.Add);
        var before = bus.Sequence;

        bus.DeliverEverythingChanged("relay.resynchronised");

        Assert.Equal([ChangeScope.Incident(7), ChangeScope.Catalog], heard.Select(c => c.Scope).OrderBy(s => s.Kind == "catalog"));
        Assert.All(heard, c => Assert.Equal("relay.resynchronised", c.Action));
        Assert.Equal(ChangeScope.Everything, Assert.Single(cached).Scope);
        Assert.True(bus.Sequence > before);
    }

    [Theory]
    [InlineData(Role.Viewer, Permission.Respond, false)]
    [InlineData(Role.Responder, Permission.Respond, true)]
    [InlineData(Role.Responder, Permission.Administer, false)]
    [InlineData(Role.Admin, Permission.Administer, true)]
    [InlineData(Role.Owner, Permission.Administer, true)]
    public void Each_role_may_do_what_the_roles_below_it_may(Role role, Permission permission, bool allowed) =>
        Assert.Equal(allowed, Actor.Person("someone", role).May(permission));
}
