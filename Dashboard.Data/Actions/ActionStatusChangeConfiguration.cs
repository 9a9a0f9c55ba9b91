using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Actions;

public class ActionStatusChangeConfiguration : IEntityTypeConfiguration<ActionStatusChange>
{
    public void Configure(EntityTypeBuilder<ActionStatusChange> b)
    {
        b.Property(c => c.By).HasMaxLength(Limits.PersonLength);
        b.HasIndex(c => new { c.ActionId, c.At });
    }
}
