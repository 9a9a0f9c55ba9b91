using Dashboard.Data.Entities;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Data;

/// <summary>The one database: incidents and their records, the catalog, the audit trail, and the accounts (ASP.NET Core Identity).</summary>
public class IncidentBoardDbContext(DbContextOptions<IncidentBoardDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentSource> IncidentSources => Set<IncidentSource>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceDependency> ServiceDependencies => Set<ServiceDependency>();
    public DbSet<ServiceImpact> ServiceImpacts => Set<ServiceImpact>();
    public DbSet<RemediationAction> RemediationActions => Set<RemediationAction>();
    public DbSet<SeedFile> SeedFiles => Set<SeedFile>();
    public DbSet<PostmortemTransition> PostmortemTransitions => Set<PostmortemTransition>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IncidentParticipant> IncidentParticipants => Set<IncidentParticipant>();
    public DbSet<IncidentLink> IncidentLinks => Set<IncidentLink>();
    public DbSet<ActionStatusChange> ActionStatusChanges => Set<ActionStatusChange>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    private static readonly IntTypeMapping IntMapping = new("INTEGER");
    private static readonly StringTypeMapping TextMapping = new("TEXT", System.Data.DbType.String);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables and keys
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IncidentBoardDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(SqlFunctions).GetMethod(nameof(SqlFunctions.YearMonth))!)
            .HasTranslation(args => new Microsoft.EntityFrameworkCore.Query.SqlExpressions.SqlFunctionExpression("substr",
                [args[0], new Microsoft.EntityFrameworkCore.Query.SqlExpressions.SqlConstantExpression(1, typeof(int), IntMapping),
                 new Microsoft.EntityFrameworkCore.Query.SqlExpressions.SqlConstantExpression(7, typeof(int), IntMapping)],
                nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), TextMapping));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no offset or kind: every DateTime we store is UTC, so mark it as such on the
        // way out. The provider type stays DateTime, so comparisons and ORDER BY still run in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
