namespace Dashboard.Data.Kernel;

/// <summary>Field lengths and collection sizes shared by the schema, the forms and the seed validator.</summary>
public static class Limits
{
    public const int SlugLength = 80;
    public const int TitleLength = 200;
    public const int NameLength = 80;
    public const int ServiceNameLength = 120;
    public const int PersonLength = 120;
    public const int SourceTitleLength = 300;
    public const int UrlLength = 2000;
    public const int EventTextLength = 4000;
    public const int MarkdownLength = 20000;
    /// <summary>A long postmortem is 50–200 KB; the cap keeps one paste from filling the database.</summary>
    public const int PostmortemLength = 1_000_000;
    /// <summary>
    /// A postmortem with its generated tables expanded (preview and exports). Without a cap, repeated
    /// {{timeline:all}} lines on a large incident build hundreds of MB from one anonymous request.
    /// </summary>
    public const int ExpandedMarkdownLength = 2_000_000;
    public const int TransitionNoteLength = 1000;
    public const int TagCount = 20;
    public const int TagLength = 40;

    /// <summary>A chat-log paste: room for the parser's 5,000 lines at a few hundred characters each.</summary>
    public const int ChatPasteBytes = 2 * 1024 * 1024;

    public const long SeedFileBytes = 5 * 1024 * 1024;
    /// <summary>Room for an exported incident at its limits (10,000 events of up to 4,000 characters) plus its postmortem.</summary>
    public const long PostmortemFileBytes = 50 * 1024 * 1024;
    public const int EventsPerIncident = 10_000;
    /// <summary>A Slack workspace export: the upload, its entries, all of them unpacked, and one day of one channel.</summary>
    public const long SlackZipBytes = 25 * 1024 * 1024;
    public const int SlackZipEntries = 5_000;
    public const long SlackUnpackedBytes = 64 * 1024 * 1024;
    public const long SlackDayFileBytes = 4 * 1024 * 1024;
    public const int ImpactsPerIncident = 1_000;
    public const int ActionsPerIncident = 1_000;
    public const int SourcesPerIncident = 100;
    public const int StatusChangesPerAction = 100;
    public const int LinksPerIncident = 100;
    public const int Services = 5_000;
    public const int Dependencies = 20_000;
}
