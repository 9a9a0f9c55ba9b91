using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Incidents;

public class IncidentParticipantConfiguration : IEntityTypeConfiguration<IncidentParticipant>
{
    public void Configure(EntityTypeBuilder<IncidentParticipant> b)
    {
        b.HasIndex(p => new { p.IncidentId, p.Role, p.UserId }).IsUnique();
        // "Incidents where I hold a role" and the private-incident filter start from the user.
        b.HasIndex(p => new { p.UserId, p.IncidentId });
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
