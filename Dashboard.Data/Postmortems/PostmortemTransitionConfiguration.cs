using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Postmortems;

public class PostmortemTransitionConfiguration : IEntityTypeConfiguration<PostmortemTransition>
{
    public void Configure(EntityTypeBuilder<PostmortemTransition> b)
    {
        b.Property(t => t.By).HasMaxLength(Limits.PersonLength);
        b.Property(t => t.Note).HasMaxLength(Limits.TransitionNoteLength);
        b.HasIndex(t => new { t.IncidentId, t.At });
    }
}
