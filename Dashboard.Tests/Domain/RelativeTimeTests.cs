namespace Dashboard.Tests.Domain;

public class RelativeTimeTests
{
    private static readonly DateTime Now = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(-5, "5 minutes ago")]
    [InlineData(-60, "1 hour ago")]
    [InlineData(-60 * 26, "1 day ago")]
    [InlineData(-60 * 24 * 3, "3 days ago")]
    [InlineData(-60 * 24 * 61, "2 months ago")]
    [InlineData(-60 * 24 * 800, "2 years ago")]
    [InlineData(90, "in 1 hour")]
    [InlineData(60 * 24 * 10, "in 10 days")]
    public void A_time_reads_in_its_largest_whole_unit(int minutesFromNow, string expected) =>
        Assert.Equal(expected, RelativeTime.Of(Now.AddMinutes(minutesFromNow), Now));

    [Theory]
    [InlineData(0, "today")]
    [InlineData(1, "tomorrow")]
    [InlineData(-1, "yesterday")]
    [InlineData(5, "in 5 days")]
    [InlineData(-12, "12 days ago")]
    [InlineData(-70, "2 months ago")]
    public void A_date_reads_against_today(int daysFromToday, string expected)
    {
        var today = DateOnly.FromDateTime(Now);
        Assert.Equal(expected, RelativeTime.Of(today.AddDays(daysFromToday), today));
    }
}
