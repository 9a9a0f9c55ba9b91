namespace Dashboard.Data.Seeding;

/// <summary>
/// How strictly an incident document is read. Seed files are written from graded public facts,
/// so every source needs a ref and a grade, every event cites one, and a repeated event is a
/// mistake. An exported postmortem carries what the app itself allowed: sources typed in the form
/// (no ref or grade), events imported from chat ("paste, line 12") and duplicates it only warned about.
/// </summary>
internal sealed record DocumentRules(bool GradedSources, bool EventSourcesAreRefs, bool RejectDuplicateEvents)
{
    public static readonly DocumentRules SeedFile = new(true, true, true);
    public static readonly DocumentRules Export = new(false, false, false);
}
