using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Incidents;

public class IncidentSourceConfiguration : IEntityTypeConfiguration<IncidentSource>
{
    public void Configure(EntityTypeBuilder<IncidentSource> b)
    {
        b.Property(s => s.Ref).HasMaxLength(32);
        b.Property(s => s.Title).HasMaxLength(Limits.SourceTitleLength);
        b.Property(s => s.Url).HasMaxLength(Limits.UrlLength);
    }
}
