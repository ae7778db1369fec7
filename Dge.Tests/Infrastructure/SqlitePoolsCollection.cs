namespace Dge.Tests.Infrastructure;

/// <summary>
/// Tests that clear the SQLite driver's connection pools, or that count the pooled connections they get, run one after
/// the other: a clear in the middle of a count would make new connections where the count expects pooled ones.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqlitePoolsCollection
{
    public const string Name = "SQLite connection pools";
}
