using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Seeding;

public class SeedFileConfiguration : IEntityTypeConfiguration<SeedFile>
{
    public void Configure(EntityTypeBuilder<SeedFile> b)
    {
        b.HasIndex(s => s.FileName).IsUnique();
        b.Property(s => s.FileName).HasMaxLength(260);
        b.Property(s => s.Sha256).HasMaxLength(64);
    }
}
