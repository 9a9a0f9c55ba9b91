using Dashboard.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Identity;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(Limits.PersonLength);
        b.Property(u => u.TimeZone).HasMaxLength(64);
        b.Property(u => u.ExternalProvider).HasMaxLength(64);
        b.Property(u => u.Theme).HasMaxLength(8);
    }
}
