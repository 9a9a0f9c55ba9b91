using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;

namespace Dashboard.Data.Questions;

/// <summary>
/// A question responders want the review meeting to take up, about the incident as a whole or about
/// one timeline event; marked answered with its answer (and reopened when the answer does not hold).
/// Prepared before the meeting, so the meeting spends its time on what people did not understand.
/// </summary>
public class ReviewQuestion : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(System.Globalization.CultureInfo.InvariantCulture), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    /// <summary>The event the question is about; null for a question about the whole incident (or whose event was deleted).</summary>
    public int? TimelineEventId { get; set; }
    public TimelineEvent? TimelineEvent { get; set; }
    public required string Text { get; set; }
    public required string AskedBy { get; set; }
    /// <summary>Set together with <see cref="AnsweredAt"/> and <see cref="AnsweredBy"/>; all null while the question is open.</summary>
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public class ReviewQuestionConfiguration : IEntityTypeConfiguration<ReviewQuestion>
{
    public void Configure(EntityTypeBuilder<ReviewQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(QuestionRules.TextLength);
        b.Property(q => q.Answer).HasMaxLength(QuestionRules.AnswerLength);
        b.Property(q => q.AskedBy).HasMaxLength(Limits.PersonLength);
        b.Property(q => q.AnsweredBy).HasMaxLength(Limits.PersonLength);
        b.Property(q => q.Version).IsConcurrencyToken();
        b.HasOne<Incident>().WithMany(i => i.Questions).HasForeignKey(q => q.IncidentId).OnDelete(DeleteBehavior.Cascade);
        // Deleting the event keeps the question: it still stands, now about the incident.
        b.HasOne(q => q.TimelineEvent).WithMany().HasForeignKey(q => q.TimelineEventId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(q => new { q.IncidentId, q.CreatedAt });
    }
}
