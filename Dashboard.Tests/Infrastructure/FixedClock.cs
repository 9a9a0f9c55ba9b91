namespace Dashboard.Tests.Infrastructure;

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedClock Default = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
