using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Municipalities;

/// <summary>The region a municipality belongs to on a day (regions are dated: the 2027 reform moves 46 municipalities).</summary>
public static class MunicipalityRegions
{
    public static Task<int?> RegionOnAsync(DgeDbContext db, int municipalityId, DateOnly day, CancellationToken cancellationToken) =>
        db.MunicipalityRegions.Where(Periods.ActiveOn<MunicipalityRegion>(day)).Where(p => p.MunicipalityId == municipalityId)
            .OrderByDescending(p => p.From).Select(p => (int?)p.RegionId).FirstOrDefaultAsync(cancellationToken);
}
