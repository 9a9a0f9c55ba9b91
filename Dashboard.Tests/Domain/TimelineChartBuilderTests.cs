using Dashboard.Data.Impact;
using Dashboard.Data.Timeline;
using Plotly.Blazor.Traces;
using Dashboard.Impact;
using Dashboard.Timeline;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Domain;

public class TimelineChartBuilderTests
{
    private static readonly DateTime T0 = new(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = T0.AddDays(3);

    private static TimelineEntry Event(int id, int minutes, EventKind kind, bool key = false) =>
        new(id, T0.AddMinutes(minutes), null, kind, $"event {id}", null, EventSource.Manual, null, key, null, null);

    private static TimelineData Data(params TimelineEntry[] events) => new(1,
        new PhaseTimes(T0, T0.AddMinutes(15), T0.AddMinutes(31), null, T0.AddMinutes(210), T0.AddMinutes(366)),
        T0.AddMinutes(40),
        events,
        [
            new ImpactWindowItem(1, 10, "dash", "Dashboard", ImpactLevel.PartialOutage, T0.AddMinutes(30), T0.AddMinutes(130), null, default),
            new ImpactWindowItem(2, 20, "dash", "Dashboard", ImpactLevel.PartialOutage, T0.AddMinutes(220), T0.AddMinutes(270), null, default),
            new ImpactWindowItem(3, 30, "cdn", "CDN", ImpactLevel.MajorOutage, T0.AddMinutes(20), null, null, default),
        ]);

    [Fact]
    public void Each_service_gets_one_lane_and_each_window_a_bar()
    {
        var chart = TimelineChartBuilder.Build(Data(Event(1, 5, EventKind.Trigger)), [Event(1, 5, EventKind.Trigger)], ViewerZone.Utc, Now);

        var bars = chart.Traces.OfType<Bar>().ToList();
        Assert.Equal(["Major outage", "Partial outage"], bars.Select(b => b.Name));
        Assert.Equal(["Dashboard", "Dashboard"], bars[1].Y);
        Assert.Equal(["Events", "CDN", "Dashboard"], chart.Layout.YAxis[0].CategoryArray);
        // A window with no published end runs to resolution.
        Assert.Equal(346 * 60_000d, (double)bars[0].X[0]);
    }

    [Fact]
    public void Events_get_one_trace_per_kind_and_clicks_map_back_to_events()
    {
        TimelineEntry[] events = [Event(7, 5, EventKind.Trigger), Event(8, 31, EventKind.Detection), Event(9, 40, EventKind.Trigger)];

        var chart = TimelineChartBuilder.Build(Data(events), events, ViewerZone.Utc, Now);

        var scatter = chart.Traces.OfType<Scatter>().ToList();
        Assert.Equal(["Trigger", "Detection"], scatter.Select(s => s.Name));
        Assert.Equal(9, chart.EventAt[(chart.Traces.IndexOf(scatter[0]), 1)]);
        Assert.Equal(8, chart.EventAt[(chart.Traces.IndexOf(scatter[1]), 0)]);
        Assert.Equal(new ChartPoint("2025-11-18 11:31:00", "Events"), TimelineChartBuilder.SelectionAnchor(events[1], ViewerZone.Utc));
    }

    [Fact]
    public void The_legend_names_the_levels_with_bars_worst_first_then_the_kinds_drawn_each_with_its_symbol()
    {
        TimelineEntry[] events = [Event(7, 5, EventKind.Trigger), Event(8, 31, EventKind.Detection)];

        var chart = TimelineChartBuilder.Build(Data(events), events, ViewerZone.Utc, Now);

        Assert.False(chart.Layout.ShowLegend); // drawn as HTML below the chart, not inside its height
        Assert.Equal(
            [new LegendEntry("Major outage", "#e53935", "bar-x"), new LegendEntry("Partial outage", "#fb8c00", "bar-slash"),
             new LegendEntry("Trigger", "#d32f2f", "x"), new LegendEntry("Detection", "#f57c00", "triangle-up")],
            chart.Legend);
    }

    [Fact]
    public void Phases_are_drawn_as_labelled_lines_and_shaded_spans()
    {
        var chart = TimelineChartBuilder.Build(Data(), [], ViewerZone.Utc, Now);

        Assert.Equal(["triggered 11:00", "started 11:15", "detected 11:31", "mitigated 14:30", "resolved 17:06"], chart.Layout.Annotations.Select(a => a.Text));
        Assert.Equal(3, chart.Layout.Shapes.Count(s => s.Type == Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Rect));
        Assert.Equal("Time (UTC)", chart.Layout.XAxis[0].Title.Text);
    }

    [Fact]
    public void Large_timelines_draw_one_marker_per_slot_and_count_every_event_once()
    {
        // 3,000 events a minute apart (one of them key), over 50 hours: far more than the chart can tell apart.
        var many = Enumerable.Range(1, 3_000)
            .Select(i => Event(i, i, i == 1500 ? EventKind.Detection : EventKind.Note, key: i == 1500) with { Text = new string('x', 200) }).ToArray();

        var chart = TimelineChartBuilder.Build(Data(many), many, ViewerZone.Utc, Now);

        var markers = chart.Traces.OfType<Scatter>().ToList();
        var drawn = markers.Sum(t => t.X.Count);
        Assert.InRange(drawn, TimelineChartBuilder.MarkerSlots - 1, TimelineChartBuilder.MarkerSlots + 1);
        Assert.Equal(many.Length, markers.SelectMany(t => t.HoverTextArray).Sum(CountIn));
        // The slot holding the key event shows it, in its own kind's trace, and a click on it selects it.
        var detection = Assert.Single(markers, t => t.Name == "Detection");
        Assert.Equal(1500, chart.EventAt[(chart.Traces.IndexOf(detection), 0)]);
        Assert.Contains("Zoom in to tell them apart", detection.HoverTextArray[0]);
        Assert.False(chart.Layout.XAxis[0].RangeSlider.Visible);
        Assert.True(TimelineChartBuilder.Build(Data(), [], ViewerZone.Utc, Now).Layout.XAxis[0].RangeSlider.Visible);
    }

    [Fact]
    public void Zoomed_in_a_large_timeline_draws_each_event_of_the_span_on_its_own()
    {
        var many = Enumerable.Range(1, 3_000).Select(i => Event(i, i, EventKind.Investigation)).ToArray();
        var window = new TimeWindow(T0.AddMinutes(100), T0.AddMinutes(140));

        var chart = TimelineChartBuilder.Build(Data(many), many, ViewerZone.Utc, Now, window);

        var markers = Assert.Single(chart.Traces.OfType<Scatter>());
        // The span, and half a span either side so a pan shows markers before the chart is rebuilt.
        Assert.Equal(Enumerable.Range(80, 81).Select(i => (object)$"{T0.AddMinutes(i):yyyy-MM-dd HH:mm:ss}"), markers.X);
        Assert.All(markers.HoverTextArray, h => Assert.StartsWith("<b>Investigation</b> · ", h));
        Assert.Equal(120, chart.EventAt[(chart.Traces.IndexOf(markers), 40)]);
    }

    [Fact]
    public void A_zoom_reported_by_the_axis_is_read_back_to_utc()
    {
        var reported = System.Text.Json.JsonSerializer.Deserialize<object[]>("""["2025-11-18 12:00:00.5", "2025-11-18 13:30"]""");

        Assert.Equal((new DateTime(2025, 11, 18, 12, 0, 0, 500), new DateTime(2025, 11, 18, 13, 30, 0)), ZoomSpan.Of(reported));
        Assert.Null(ZoomSpan.Of(["2025-11-18 13:30", "2025-11-18 12:00"])); // not increasing
        Assert.Null(ZoomSpan.Of(["autorange"]));
        Assert.Equal(new DateTime(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc), ViewerZone.Local("Europe/Berlin").ToUtc(new DateTime(2025, 11, 18, 12, 0, 0)));
    }

    /// <summary>How many events a marker's hover stands for: "12 events" or a single event's own text.</summary>
    private static int CountIn(string hover) =>
        hover.StartsWith("<b>") && hover.Split(' ') is [var first, "events</b>", ..] ? int.Parse(first[3..]) : 1;

    [Fact]
    public void Local_time_shifts_the_axis_and_names_the_zone()
    {
        var berlin = ViewerZone.Local("Europe/Berlin");

        var chart = TimelineChartBuilder.Build(Data(), [], berlin, Now);

        Assert.Equal("Time (Europe/Berlin, UTC+01:00)", chart.Layout.XAxis[0].Title.Text);
        Assert.Equal("resolved 18:06", chart.Layout.Annotations.Last().Text);
    }

    [Fact]
    public void Filters_narrow_by_kind_service_and_key_flag()
    {
        TimelineEntry[] events = [Event(1, 0, EventKind.Trigger, key: true), Event(2, 1, EventKind.Note), Event(3, 2, EventKind.Trigger) with { ServiceId = 5 }];

        Assert.Equal([1, 3], new TimelineFilter(new HashSet<EventKind> { EventKind.Trigger }, new HashSet<int>(), false).Apply(events).Select(e => e.Id));
        Assert.Equal([3], new TimelineFilter(new HashSet<EventKind>(), new HashSet<int> { 5 }, false).Apply(events).Select(e => e.Id));
        Assert.Equal([1], new TimelineFilter(new HashSet<EventKind>(), new HashSet<int>(), true).Apply(events).Select(e => e.Id));
        Assert.Same(events, TimelineFilter.None.Apply(events));
    }

    [Fact]
    public void The_timeline_lanes_and_the_impact_gantt_draw_the_same_bars_and_an_open_window_runs_to_now_while_unresolved()
    {
        var unresolved = Data() with { Phases = new PhaseTimes(T0, T0.AddMinutes(15), T0.AddMinutes(31), null, null, null) };
        var view = new ImpactView(1, unresolved.Phases, T0, unresolved.Phases.OpenWindowEnd(Now), T0, Now, unresolved.Impacts, [], []);

        var lanes = TimelineChartBuilder.Build(unresolved, [], ViewerZone.Utc, Now).Traces.OfType<Bar>().ToList();
        var gantt = ImpactGanttBuilder.Gantt(view, ViewerZone.Utc, null).Traces.OfType<Bar>().ToList();

        Assert.Equal(lanes.Select(b => b.X), gantt.Select(b => b.X));
        Assert.Equal(lanes.Select(b => b.HoverTextArray), gantt.Select(b => b.HoverTextArray));
        Assert.Equal(lanes.Select(b => b.Marker.Color), gantt.Select(b => b.Marker.Color));
        Assert.Equal((Now - T0.AddMinutes(20)).TotalMilliseconds, (double)lanes[0].X[0]);
    }
}
