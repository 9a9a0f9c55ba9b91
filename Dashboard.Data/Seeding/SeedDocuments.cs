using Dashboard.Data.Catalog;
using Dashboard.Data.Graph;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Seeding;

// The shape of the seed files (documented in seed-data/README.md). Everything is nullable and
// times and enums are plain strings, so the validator can say exactly which item is wrong
// instead of failing inside the JSON reader.

public sealed class ServiceCatalogDocument
{
    public int? FormatVersion { get; set; }
    public List<ServiceDocument?>? Services { get; set; }
    public List<DependencyDocument?>? Dependencies { get; set; }
}

public sealed class ServiceDocument
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Description { get; set; }
    public string? OwnerTeam { get; set; }
    public int? Tier { get; set; }
    /// <summary>Availability objective as a fraction (0.999); absent: no SLO.</summary>
    public double? SloTarget { get; set; }
    /// <summary>rolling-28-days, rolling-30-days (default) or calendar-month.</summary>
    public string? SloWindow { get; set; }
    public double? WeightMajorOutage { get; set; }
    public double? WeightPartialOutage { get; set; }
    public double? WeightDegraded { get; set; }
}

public sealed class DependencyDocument
{
    public string? Service { get; set; }
    public string? DependsOn { get; set; }
}

public sealed class IncidentDocument
{
    public int? FormatVersion { get; set; }
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? Organisation { get; set; }
    public string? Severity { get; set; }
    public string? Status { get; set; }
    public string? Commander { get; set; }
    public List<string?>? Tags { get; set; }
    public string? SourceTimeZone { get; set; }
    public PhasesDocument? Phases { get; set; }
    public string? Summary { get; set; }
    public string? Trigger { get; set; }
    public string? RootCause { get; set; }
    public string? CustomerImpact { get; set; }
    /// <summary>The postmortem's "What surprised us" (Markdown).</summary>
    public string? WhatSurprisedUs { get; set; }
    /// <summary>True for a near miss: recorded without customer impact.</summary>
    public bool? NearMiss { get; set; }
    public List<SourceDocument?>? Sources { get; set; }
    public List<EventDocument?>? Timeline { get; set; }
    public List<ImpactDocument?>? Impacts { get; set; }
    public List<ActionDocument?>? Actions { get; set; }
    /// <summary>Contributing factors; their evidence and actions name the <c>ref</c> of timeline events and actions in this file.</summary>
    public List<FactorDocument?>? Factors { get; set; }
    /// <summary>Questions for the review meeting; <c>event</c> names the <c>ref</c> of a timeline event in this file.</summary>
    public List<QuestionDocument?>? Questions { get; set; }
    /// <summary>draft (default), in-review or published: carried by postmortem exports.</summary>
    public string? PostmortemStatus { get; set; }
    public string? PostmortemSavedAt { get; set; }
    public string? PostmortemSavedBy { get; set; }
    public List<TransitionDocument?>? PostmortemHistory { get; set; }
    /// <summary>Catalog entries of the services the incident refers to, added on import where the catalog lacks them.</summary>
    public List<ServiceDocument?>? Services { get; set; }
    /// <summary>Links to incidents already in the database (or earlier in the seed order).</summary>
    public List<LinkDocument?>? Links { get; set; }
    /// <summary>Changes marked as the incident's trigger or contributing, each whole (see Changes.ChangeMarkDocuments).</summary>
    public List<Changes.ChangeMarkDocument?>? Changes { get; set; }
}

public sealed class LinkDocument
{
    /// <summary>repeats, repeated-by, caused-by, causes or related-to (see Learning.LinkKinds).</summary>
    public string? Kind { get; set; }
    public string? Slug { get; set; }
}

public sealed class TransitionDocument
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? By { get; set; }
    public string? Note { get; set; }
    public string? At { get; set; }
}

public sealed class PhasesDocument
{
    public string? Triggered { get; set; }
    public string? Started { get; set; }
    public string? Detected { get; set; }
    public string? Acknowledged { get; set; }
    public string? Mitigated { get; set; }
    public string? Resolved { get; set; }
}

public sealed class SourceDocument
{
    public string? Ref { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Grade { get; set; }
}

public sealed class EventDocument
{
    public string? At { get; set; }
    public string? EndsAt { get; set; }
    public string? Kind { get; set; }
    public string? Text { get; set; }
    public string? Service { get; set; }
    public bool? Key { get; set; }
    public string? Source { get; set; }
    public string? Author { get; set; }
    /// <summary>How the event was recorded: seed (default), manual, import or api.</summary>
    public string? Origin { get; set; }
    /// <summary>detection, diagnosis, repair or key-moment: what the event meant to the response.</summary>
    public string? Moment { get; set; }
    /// <summary>A name, unique in the file, by which a factor cites this event as evidence.</summary>
    public string? Ref { get; set; }
}

public sealed class QuestionDocument
{
    public string? Text { get; set; }
    /// <summary>The ref of the timeline event it is about; absent for the incident as a whole.</summary>
    public string? Event { get; set; }
    public string? AskedBy { get; set; }
    public string? AskedAt { get; set; }
    /// <summary>Set with answeredAt once the review answered it.</summary>
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public string? AnsweredAt { get; set; }
}

public sealed class FactorDocument
{
    public string? Statement { get; set; }
    /// <summary>One of the categories (see Factors.FactorOptions); kept as written.</summary>
    public string? Category { get; set; }
    /// <summary>Refs of timeline events of this file that show the factor.</summary>
    public List<string?>? Evidence { get; set; }
    /// <summary>Refs of actions of this file that address it.</summary>
    public List<string?>? Actions { get; set; }
}

public sealed class ImpactDocument
{
    public string? Service { get; set; }
    public string? Level { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Description { get; set; }
}

public sealed class ActionDocument
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? Team { get; set; }
    public string? Priority { get; set; }
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public string? WontDoReason { get; set; }
    public string? DueDate { get; set; }
    public string? CompletedAt { get; set; }
    public string? Link { get; set; }
    /// <summary>When the action was agreed; defaults to the incident's resolution.</summary>
    public string? CreatedAt { get; set; }
    /// <summary>The statuses the action went through, oldest first, as far as the sources say; derived from the dates when absent.</summary>
    public List<StatusChangeDocument?>? StatusHistory { get; set; }
    /// <summary>A name, unique in the file, by which a factor cites this action.</summary>
    public string? Ref { get; set; }
}

public sealed class StatusChangeDocument
{
    public string? Status { get; set; }
    public string? At { get; set; }
    /// <summary>Who set or reported it (for a seeded action: the company and the source that says so).</summary>
    public string? By { get; set; }
}
