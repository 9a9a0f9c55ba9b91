namespace Dashboard.Data.Kernel;

// Stored as strings (see IncidentBoardDbContext) so the database stays readable and the
// numeric order of Severity (Sev1 worst) matches its text order.
public enum Severity { Sev1 = 1, Sev2 = 2, Sev3 = 3, Sev4 = 4 }

public enum IncidentStatus { Investigating, Identified, Monitoring, Resolved, Closed }

public enum PostmortemStatus { Draft, InReview, Published }

public enum EventKind { Trigger, Detection, Escalation, Investigation, Mitigation, Communication, Recovery, Resolution, Note }

public enum EventSource { Manual, Import, Api, Seed }

/// <summary>
/// A tag for what an event meant to the response, beside its kind (after Jeli's Narrative Builder):
/// the moment it was noticed, understood, repaired, or turned.
/// </summary>
public enum EventMoment { Detection, Diagnosis, Repair, KeyMoment }

public enum ImpactLevel { Degraded = 1, PartialOutage = 2, MajorOutage = 3 }

public enum ActionPriority { P0, P1, P2, P3 }

public enum ActionKind { Prevent, Detect, Mitigate, Process }

public enum ActionStatus { Open, InProgress, Done, WontDo }

public enum SourceGrade { Primary, PrimaryQuoted, Secondary }

/// <summary>Named incident roles, plus <see cref="Member"/> for people added to see a private incident.</summary>
public enum IncidentRole { Commander, Scribe, CommsLead, Member }

public enum IncidentLinkKind { Repeats, CausedBy, RelatedTo }

/// <summary>Over which window an SLO's error budget is counted.</summary>
public enum SloWindow { Rolling28Days, Rolling30Days, CalendarMonth }
