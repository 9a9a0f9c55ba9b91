using Dashboard.Data.Factors;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Themes;

public class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> b)
    {
        b.Property(t => t.Name).HasMaxLength(ThemeRules.NameLength);
        b.Property(t => t.Description).HasMaxLength(ThemeRules.DescriptionLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => t.Name).IsUnique();
        // Tags, not copies: deleting a theme, an incident or a factor removes only the tag.
        b.HasMany(t => t.Incidents).WithMany().UsingEntity("IncidentThemes",
            r => r.HasOne(typeof(Incident)).WithMany().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Theme)).WithMany().HasForeignKey("ThemeId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("ThemeId", "IncidentId");
                j.HasIndex("IncidentId");
            });
        b.HasMany(t => t.Factors).WithMany().UsingEntity("FactorThemes",
            r => r.HasOne(typeof(Factor)).WithMany().HasForeignKey("FactorId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Theme)).WithMany().HasForeignKey("ThemeId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("ThemeId", "FactorId");
                j.HasIndex("FactorId");
            });
    }
}
