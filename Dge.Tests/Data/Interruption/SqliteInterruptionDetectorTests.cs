using Dge.Api.Data.Interruption;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dge.Tests.Data.Interruption;

/// <summary>Which failures EF is told are cancellations, and so logs at debug level rather than as errors.</summary>
public sealed class SqliteInterruptionDetectorTests
{
    private readonly SqliteInterruptionDetector _detector = new();

    [Fact]
    public void IsCancellation_InterruptOrPrepareErrorAfterTheTokenFired_IsACancellation()
    {
        using var fired = new CancellationTokenSource();
        fired.Cancel();

        Assert.True(_detector.IsCancellation(new SqliteException("interrupted", raw.SQLITE_INTERRUPT), fired.Token));
        Assert.True(_detector.IsCancellation(new SqliteException("expected 0 columns for '' but got 10", raw.SQLITE_ERROR), fired.Token));
        Assert.True(_detector.IsCancellation(new OperationCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void IsCancellation_ErrorsWithoutTheTokenFiringOrOtherCodes_AreFailures()
    {
        using var fired = new CancellationTokenSource();
        fired.Cancel();

        Assert.False(_detector.IsCancellation(new SqliteException("expected 0 columns for '' but got 10", raw.SQLITE_ERROR), CancellationToken.None));
        Assert.False(_detector.IsCancellation(new SqliteException("interrupted", raw.SQLITE_INTERRUPT), CancellationToken.None));
        Assert.False(_detector.IsCancellation(new SqliteException("database disk image is malformed", raw.SQLITE_CORRUPT), fired.Token));
    }
}
