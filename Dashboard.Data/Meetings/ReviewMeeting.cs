using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Meetings;

/// <summary>
/// The postmortem's review meeting: when, for how long, who facilitates (ideally someone not
/// involved in the incident) and who takes part. One per incident; it feeds the calendar.
/// </summary>
public class ReviewMeeting : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(System.Globalization.CultureInfo.InvariantCulture), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? FacilitatorUserId { get; set; }
    /// <summary>Where: a room or a call's address.</summary>
    public string? Location { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
    public List<ReviewMeetingParticipant> Participants { get; set; } = [];
}

public class ReviewMeetingParticipant
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string UserId { get; set; }
}

public class ReviewMeetingConfiguration : IEntityTypeConfiguration<ReviewMeeting>
{
    public void Configure(EntityTypeBuilder<ReviewMeeting> b)
    {
        b.HasIndex(m => m.IncidentId).IsUnique();
        b.HasIndex(m => m.StartsAt);
        b.Property(m => m.Location).HasMaxLength(Limits.UrlLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Incidents.Incident>().WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.FacilitatorUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReviewMeetingParticipantConfiguration : IEntityTypeConfiguration<ReviewMeetingParticipant>
{
    public void Configure(EntityTypeBuilder<ReviewMeetingParticipant> b)
    {
        b.HasIndex(p => new { p.MeetingId, p.UserId }).IsUnique();
        // The calendar feed finds a user's meetings by participant.
        b.HasIndex(p => p.UserId);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
