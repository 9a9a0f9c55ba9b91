namespace Dashboard.Tests.Domain;

public class UtcTimeTests
{
    [Theory]
    [InlineData("2025-11-18T11:28:00Z", 11, 28)]
    [InlineData("2025-11-18T04:28:00-07:00", 11, 28)]
    [InlineData("2025-11-18T12:28:00+01:00", 11, 28)]
    public void Iso_times_with_an_offset_are_converted_to_utc(string text, int hour, int minute)
    {
        Assert.True(UtcTime.TryParseIso(text, out var utc));
        Assert.Equal(new DateTime(2025, 11, 18, hour, minute, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2025-11-18T11:28:00")]
    [InlineData("2025-11-18 11:28")]
    [InlineData("11:28")]
    [InlineData("yesterday")]
    public void Iso_times_without_an_offset_are_refused(string text) => Assert.False(UtcTime.TryParseIso(text, out _));

    [Theory]
    [InlineData("2025-11-18 11:28")]
    [InlineData("2025-11-18T11:28")]
    [InlineData("2025-11-18 11:28:00")]
    [InlineData("2025-11-18 11:28 UTC")]
    public void Typed_times_are_read_as_utc(string text)
    {
        Assert.True(UtcTime.TryParseTyped(text, out var utc));
        Assert.Equal(new DateTime(2025, 11, 18, 11, 28, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void An_empty_typed_time_means_no_time() =>
        Assert.True(UtcTime.TryParseTyped("  ", out var utc) && utc is null);

    [Theory]
    [InlineData("18/11/2025 11:28")]
    [InlineData("2025-13-01 10:00")]
    public void Unreadable_typed_times_are_refused(string text) => Assert.False(UtcTime.TryParseTyped(text, out _));
}
