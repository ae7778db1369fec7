using System.ComponentModel;
using System.Linq.Expressions;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Regions;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

[Description("The kind of scope a coverage row is computed for (dækningsniveau).")]
public enum CoverageScope
{
    [Description("Region (region) as it stands on asOf, through the municipalities' region history: from 2027-01-01 Region Østdanmark replaces Hovedstaden and Sjælland.")]
    Region,

    [Description("KAP unit (KAP-enhed): doctors whose clinic's municipality belongs, at any time, to the region the unit was founded for (KapUnit.region), so KAP-H keeps Hovedstaden's municipalities after 2027.")]
    KapUnit,

    [Description("Health council (sundhedsråd), through the clinic's municipality; preparatory before 2027-01-01, in force from then.")]
    HealthCouncil,

    [Description("Municipality (kommune) of the doctor's clinic.")]
    Municipality,

    [Description("Quality cluster (kvalitetsklynge) of which the doctor's clinic is a member on asOf.")]
    Cluster,

    [Description("The whole country (hele landet): one row counting every active doctor once, whatever their clinics; its scopeId is null.")]
    National,
}

/// <summary>The coverage figures of one scope on one day (DOMAIN.md: covered / active doctors; nynedsat the same, restricted).</summary>
public sealed record CoverageFigures(DateOnly AsOf, int ActiveDoctors, int CoveredDoctors, int NynedsatActive, int NynedsatCovered)
{
    public double? Coverage => Ratio(CoveredDoctors, ActiveDoctors);

    public double? NynedsatCoverage => Ratio(NynedsatCovered, NynedsatActive);

    public static CoverageFigures Empty(DateOnly asOf) => new(asOf, 0, 0, 0, 0);

    public static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>The counts of one scope as SQL returns them (<see cref="CoverageQuery.Counts"/>).</summary>
public sealed class CoverageCounts
{
    public int ScopeId { get; init; }

    public int Active { get; init; }

    public int Covered { get; init; }

    public int NynedsatActive { get; init; }

    public int NynedsatCovered { get; init; }

    /// <summary>The doctors meeting the counting view's extra condition (aligned covered, for the cluster alignment); 0 without one.</summary>
    public int AlsoCounted { get; init; }

    public CoverageFigures Figures(DateOnly asOf) => new(asOf, Active, Covered, NynedsatActive, NynedsatCovered);
}

/// <summary>A row of the root coverage view: the scope and its figures.</summary>
public sealed record CoverageRow(CoverageScope Scope, int ScopeId, string? Code, string Name, CoverageFigures Figures);

/// <summary>The coverage view, computed in SQL: one aggregate statement for the figures, one for the list of scopes.</summary>
public static class CoverageQuery
{
    /// <summary>One row per scope of the kind, in force on <paramref name="day"/> for regions, ordered by name.</summary>
    public static async Task<IReadOnlyList<CoverageRow>> RowsAsync(DgeDbContext db, CoverageScope scope, DateOnly day, CancellationToken cancellationToken)
    {
        var scopes = await ScopesAsync(db, scope, day, cancellationToken);
        var figures = await FiguresAsync(ViewSources.ScopedDoctors(db, scope, day), day, cancellationToken);
        return scopes
            .Select(s => new CoverageRow(scope, s.Id, s.Code, s.Name, figures.GetValueOrDefault(s.Id) ?? CoverageFigures.Empty(day)))
            .OrderBy(r => r.Name, DanishCollation.Comparer).ThenBy(r => r.ScopeId)
            .ToList();
    }

    /// <summary>The figures of the given scopes, in one statement; a scope without active doctors gets zeros.</summary>
    public static async Task<IReadOnlyDictionary<int, CoverageFigures>> ForScopesAsync(
        DgeDbContext db, CoverageScope scope, DateOnly day, IReadOnlyCollection<int> scopeIds, CancellationToken cancellationToken)
    {
        var ids = scopeIds.ToList();
        var figures = await FiguresAsync(ViewSources.ScopedDoctors(db, scope, day).Where(d => ids.Contains(d.ScopeId)), day, cancellationToken);
        return ids.Distinct().ToDictionary(id => id, id => figures.GetValueOrDefault(id) ?? CoverageFigures.Empty(day));
    }

    /// <summary>Counts distinct doctors per scope: a doctor with two clinics in one scope counts once.</summary>
    public static async Task<Dictionary<int, CoverageFigures>> FiguresAsync(IQueryable<ScopedDoctor> doctors, DateOnly day, CancellationToken cancellationToken) =>
        await Counts(doctors).ToDictionaryAsync(c => c.ScopeId, c => c.Figures(day), cancellationToken);

    /// <summary>
    /// The coverage counts of each scope, as one query: distinct doctors per scope, a doctor with two clinics in one scope counting
    /// once. A view that counts one more kind of doctor in the same statement passes its condition as <paramref name="alsoCount"/>.
    /// </summary>
    public static IQueryable<CoverageCounts> Counts(IQueryable<ScopedDoctor> doctors, Expression<Func<ScopedDoctor, bool>>? alsoCount = null)
    {
        Expression<Func<ScopedDoctor, bool, CountedDoctor>> shape = (d, isAlsoCounted) => new CountedDoctor
        {
            ScopeId = d.ScopeId,
            DoctorId = d.DoctorId,
            IsNynedsat = d.IsNynedsat,
            IsCovered = d.IsCovered,
            IsAlsoCounted = isAlsoCounted,
        };
        var doctor = shape.Parameters[0];
        var isAlsoCounted = alsoCount is null ? Expression.Constant(false) : ExpressionRewriter.Inline(alsoCount, doctor);
        return doctors
            .Select(Expression.Lambda<Func<ScopedDoctor, CountedDoctor>>(ExpressionRewriter.Inline(shape, doctor, isAlsoCounted), doctor))
            .Distinct()
            .GroupBy(d => d.ScopeId)
            .Select(g => new CoverageCounts
            {
                ScopeId = g.Key,
                Active = g.Count(),
                Covered = g.Count(d => d.IsCovered),
                NynedsatActive = g.Count(d => d.IsNynedsat),
                NynedsatCovered = g.Count(d => d.IsNynedsat && d.IsCovered),
                AlsoCounted = g.Count(d => d.IsAlsoCounted),
            });
    }

    /// <summary>A scoped doctor as counted: once per scope, with the view's extra condition.</summary>
    private sealed class CountedDoctor
    {
        public int ScopeId { get; init; }

        public int DoctorId { get; init; }

        public bool IsNynedsat { get; init; }

        public bool IsCovered { get; init; }

        public bool IsAlsoCounted { get; init; }
    }

    private sealed record Scope(int Id, string? Code, string Name);

    private static async Task<List<Scope>> ScopesAsync(DgeDbContext db, CoverageScope scope, DateOnly day, CancellationToken cancellationToken) => scope switch
    {
        CoverageScope.Region => await db.Regions.AsNoTracking().Where(Periods.ActiveOn<Region>(day)).Select(r => new Scope(r.Id, r.Code, r.Name)).ToListAsync(cancellationToken),
        CoverageScope.KapUnit => await db.KapUnits.AsNoTracking().Select(k => new Scope(k.Id, k.Code, k.Name)).ToListAsync(cancellationToken),
        CoverageScope.HealthCouncil => await db.HealthCouncils.AsNoTracking().Select(h => new Scope(h.Id, h.Key, h.Name)).ToListAsync(cancellationToken),
        CoverageScope.Municipality => await db.Municipalities.AsNoTracking().Select(m => new Scope(m.Id, m.Code, m.Name)).ToListAsync(cancellationToken),
        CoverageScope.Cluster => await db.QualityClusters.AsNoTracking().Select(c => new Scope(c.Id, null, c.Name)).ToListAsync(cancellationToken),
        CoverageScope.National => [new Scope(ViewSources.NationalScopeId, "DK", "Hele landet")],
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown coverage scope."),
    };
}
