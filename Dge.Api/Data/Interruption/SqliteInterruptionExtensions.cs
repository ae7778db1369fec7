using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dge.Api.Data.Interruption;

public static class SqliteInterruptionExtensions
{
    /// <summary>
    /// SQLite statements stop when their command's cancellation token fires, and EF treats the interrupted statement as
    /// cancelled: a request that times out or whose client leaves stops using the CPU.
    /// </summary>
    public static TBuilder InterruptOnCancellation<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.AddInterceptors(new SqliteInterruptInterceptor()).ReplaceService<IExceptionDetector, SqliteInterruptionDetector>();
        return options;
    }
}
