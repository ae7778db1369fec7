using Dge.Api.Data;
using Microsoft.Data.Sqlite;

namespace Dge.Tests.Data;

public sealed class DatabaseFailureTests
{
    [Theory]
    [InlineData(5, DatabaseState.Locked)]
    [InlineData(517, DatabaseState.Locked)]
    [InlineData(8, DatabaseState.ReadOnly)]
    [InlineData(11, DatabaseState.Corrupt)]
    [InlineData(26, DatabaseState.Corrupt)]
    [InlineData(14, DatabaseState.Unavailable)]
    public void Classify_SqliteResultCode_GivesTheCoarseState(int code, DatabaseState expected)
    {
        var state = DatabaseFailure.Classify(new InvalidOperationException("wrapped", new SqliteException("engine detail", code)));

        Assert.Equal(expected, state);
    }

    [Fact]
    public void Classify_NoWriteAccessToTheFolder_IsReadOnly()
    {
        var state = DatabaseFailure.Classify(new UnauthorizedAccessException("Access to the path is denied."));

        Assert.Equal(DatabaseState.ReadOnly, state);
    }
}
