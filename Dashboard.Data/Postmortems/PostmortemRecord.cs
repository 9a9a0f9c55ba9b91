using Dashboard.Data.Timeline;
using Dashboard.Data.Budgets;
using Dashboard.Data.Factors;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Postmortems;

/// <summary>An action as the postmortem shows it.</summary>
public sealed record ActionLine(int Id, string Title, string? Owner, string? Team, DateOnly? DueDate, ActionStatus Status, ActionPriority Priority);

/// <summary>
/// The incident's record as it is now (phases, events, impact windows, actions): what the generated
/// sections are built from and what the quality checks read, so the document never drifts from it.
/// </summary>
public sealed record PostmortemRecord(int IncidentId, TimelineData Timeline, IReadOnlyList<ActionLine> Actions)
{
    /// <summary>Linked incidents and, for repeats, the promises open at the repeat (for <c>{{related}}</c>).</summary>
    public Learning.RelatedIncidents Related { get; init; } = Learning.RelatedIncidents.None;
    /// <summary>What the incident took from its services' error budgets (for <c>{{budget}}</c>).</summary>
    public Budgets.IncidentBudget Budget { get; init; } = Budgets.IncidentBudget.None;
    /// <summary>The contributing factors with their evidence and actions (for <c>{{factors}}</c>).</summary>
    public IReadOnlyList<Factors.FactorView> Factors { get; init; } = [];
    /// <summary>The changes marked as the trigger or contributing (for <c>{{changes}}</c>).</summary>
    public IReadOnlyList<Changes.MarkedChange> Changes { get; init; } = [];
    /// <summary>The questions for the review meeting, open first (for <c>{{questions}}</c>).</summary>
    public IReadOnlyList<Questions.QuestionView> Questions { get; init; } = [];
    /// <summary>The incident's "What surprised us" field (for <c>{{surprises}}</c>).</summary>
    public string? WhatSurprisedUs { get; init; }
}
