using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data.Collation;

public static class DanishCollationExtensions
{
    /// <summary>Every connection of the context knows the <see cref="DanishCollation.Name"/> collation that sorted names use.</summary>
    public static TBuilder UseDanishCollation<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.AddInterceptors(new DanishCollationInterceptor());
        return options;
    }
}
