using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.StatusPages;

public class StatusPageConfiguration : IEntityTypeConfiguration<StatusPage>
{
    public void Configure(EntityTypeBuilder<StatusPage> b)
    {
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Key).HasMaxLength(StatusPageRules.KeyLength);
        b.Property(p => p.Name).HasMaxLength(Limits.NameLength);
        b.Property(p => p.Roles).HasMaxLength(100);
        b.Property(p => p.Groups).HasMaxLength(StatusPageRules.GroupsLength);
        b.Property(p => p.LogoUrl).HasMaxLength(Limits.UrlLength);
        b.Property(p => p.Description).HasMaxLength(StatusPageRules.DescriptionLength);
        b.Property(p => p.EmbedOrigins).HasMaxLength(StatusPageRules.OriginsLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany(p => p.Components).WithOne().HasForeignKey(c => c.StatusPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StatusPageComponentConfiguration : IEntityTypeConfiguration<StatusPageComponent>
{
    public void Configure(EntityTypeBuilder<StatusPageComponent> b)
    {
        b.HasIndex(c => new { c.StatusPageId, c.ServiceId }).IsUnique();
        b.Property(c => c.DisplayName).HasMaxLength(Limits.ServiceNameLength);
        // A service on a page is not removed from the catalog under it: the catalog refuses, as for incidents.
        b.HasOne(c => c.Service).WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class StatusUpdateConfiguration : IEntityTypeConfiguration<StatusUpdate>
{
    public void Configure(EntityTypeBuilder<StatusUpdate> b)
    {
        b.HasIndex(u => u.IncidentId);
        b.Property(u => u.Title).HasMaxLength(Limits.TitleLength);
        b.Property(u => u.Body).HasMaxLength(StatusPageRules.BodyLength);
        b.Property(u => u.CreatedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(u => u.PublishedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne<Incidents.Incident>().WithMany().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(u => u.Components).WithOne().HasForeignKey(c => c.StatusUpdateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(u => u.Pages).WithOne().HasForeignKey(p => p.StatusUpdateId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StatusUpdateComponentConfiguration : IEntityTypeConfiguration<StatusUpdateComponent>
{
    public void Configure(EntityTypeBuilder<StatusUpdateComponent> b)
    {
        b.HasIndex(c => new { c.StatusUpdateId, c.ServiceId }).IsUnique();
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class StatusUpdatePageConfiguration : IEntityTypeConfiguration<StatusUpdatePage>
{
    public void Configure(EntityTypeBuilder<StatusUpdatePage> b)
    {
        b.HasKey(p => new { p.StatusUpdateId, p.StatusPageId });
        b.HasIndex(p => p.StatusPageId);
        b.HasOne(p => p.StatusPage).WithMany().HasForeignKey(p => p.StatusPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StatusMaintenanceConfiguration : IEntityTypeConfiguration<StatusMaintenance>
{
    public void Configure(EntityTypeBuilder<StatusMaintenance> b)
    {
        b.HasIndex(m => new { m.StatusPageId, m.ScheduledFor });
        b.Property(m => m.Title).HasMaxLength(Limits.TitleLength);
        b.Property(m => m.Body).HasMaxLength(StatusPageRules.BodyLength);
        b.Property(m => m.CreatedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<StatusPage>().WithMany().HasForeignKey(m => m.StatusPageId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Components).WithOne().HasForeignKey(c => c.StatusMaintenanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StatusMaintenanceComponentConfiguration : IEntityTypeConfiguration<StatusMaintenanceComponent>
{
    public void Configure(EntityTypeBuilder<StatusMaintenanceComponent> b)
    {
        b.HasIndex(c => new { c.StatusMaintenanceId, c.ServiceId }).IsUnique();
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
