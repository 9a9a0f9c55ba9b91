namespace Dashboard.Tests.Infrastructure;

/// <summary>A clock a test moves on by hand, for rules that depend on when each write happened.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
