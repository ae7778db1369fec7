using Dge.Api.Access;
using Dge.Api.Audit;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Data.Collation;
using Dge.Api.Data.Providers;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data;

/// <summary>
/// The DGE graph's store, with the sign-in tables of ASP.NET Core Identity. Provider-neutral: the same model on SQLite and
/// PostgreSQL (<see cref="StoreSettings"/>), but for the Danish collation, which PostgreSQL keeps in the schema.
/// </summary>
public sealed class DgeDbContext(DbContextOptions<DgeDbContext> options) : IdentityDbContext<DgeUser>(options), IDataProtectionKeyContext
{
    /// <summary>A context for reading the model and the migrations of <paramref name="provider"/> alone: it never opens its connection.</summary>
    public static DgeDbContext ModelOnly(DatabaseProvider provider = DatabaseProvider.Sqlite) => new(new DbContextOptionsBuilder<DgeDbContext>()
        .UseStore(new StoreSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=dge-model-only"))
        .Options);

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Municipality> Municipalities => Set<Municipality>();

    public DbSet<MunicipalityRegion> MunicipalityRegions => Set<MunicipalityRegion>();

    public DbSet<HealthCouncil> HealthCouncils => Set<HealthCouncil>();

    public DbSet<KapUnit> KapUnits => Set<KapUnit>();

    public DbSet<QualityCluster> QualityClusters => Set<QualityCluster>();

    public DbSet<ClusterClinicMembership> ClusterClinicMemberships => Set<ClusterClinicMembership>();

    public DbSet<ClusterPackageAdoption> ClusterPackageAdoptions => Set<ClusterPackageAdoption>();

    public DbSet<Clinic> Clinics => Set<Clinic>();

    public DbSet<Doctor> Doctors => Set<Doctor>();

    public DbSet<ClinicEmployment> ClinicEmployments => Set<ClinicEmployment>();

    public DbSet<DgeGroup> Groups => Set<DgeGroup>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingTheme> MeetingThemes => Set<MeetingTheme>();

    public DbSet<MeetingMaterial> MeetingMaterials => Set<MeetingMaterial>();

    public DbSet<MeetingAttendance> MeetingAttendances => Set<MeetingAttendance>();

    public DbSet<Theme> Themes => Set<Theme>();

    public DbSet<LearningMaterial> LearningMaterials => Set<LearningMaterial>();

    public DbSet<MaterialTheme> MaterialThemes => Set<MaterialTheme>();

    public DbSet<MaterialGroupKind> MaterialGroupKinds => Set<MaterialGroupKind>();

    public DbSet<Coordinator> Coordinators => Set<Coordinator>();

    public DbSet<GroupTheme> GroupThemes => Set<GroupTheme>();

    public DbSet<ClusterTheme> ClusterThemes => Set<ClusterTheme>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>ASP.NET Core's data protection keys (sign-in cookies, antiforgery), shared by every instance on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        if (Database.IsNpgsql())
        {
            // SQLite registers the collation on each connection (DanishCollationInterceptor); PostgreSQL creates it in the
            // schema, from ICU's Danish rules, under the same name, so COLLATE "DANISH" reads the same on both.
            modelBuilder.HasCollation(DanishCollation.Name, locale: "da-DK", provider: "icu", deterministic: true);
        }

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DgeDbContext).Assembly);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
        }

        modelBuilder.Entity<DgeUser>().Property(user => user.Version).IsConcurrencyToken();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = DetectOnceAndRaiseVersions();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = DetectOnceAndRaiseVersions();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// The version is the optimistic-concurrency token: every update must carry the version it read. Changes are detected
    /// once, here (unless the caller turned detection off, having changed nothing since its last save but through the
    /// tracker), and the save that follows does not walk the tracked entities again: the raised versions are set through
    /// the tracker, which marks them as it goes. Answers whether detection was on, for the caller to restore after the save.
    /// </summary>
    private bool DetectOnceAndRaiseVersions()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.CurrentValue + 1;
            }
        }

        return detect;
    }
}
