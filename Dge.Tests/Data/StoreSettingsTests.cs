using Dge.Api.Data.Providers;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Dge.Tests.Data;

public sealed class StoreSettingsTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("PostgreSQL", DatabaseProvider.Postgres)]
    [InlineData(" npgsql ", DatabaseProvider.Postgres)]
    public void Provider_NamedAnyCommonWay_IsRecognised(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, StoreSettings.ParseProvider(value));

    [Fact]
    public void Provider_Unknown_IsRefusedNamingTheSettingAndTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StoreSettings.ParseProvider("Oracle"));

        Assert.Contains("Dge:Database:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("Oracle", error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=App_Data/dge.db")]
    public void Postgres_WithoutAnNpgsqlConnectionString_IsRefusedNamingTheConnectionString(string? connectionString)
    {
        var configuration = Configuration(("Dge:Database:Provider", "Postgres"), ("ConnectionStrings:Dge", connectionString));

        var error = Assert.Throws<InvalidOperationException>(() => StoreSettings.From(configuration, Path.GetTempPath()));

        Assert.Contains("ConnectionStrings:Dge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_GivenAnNpgsqlConnectionString_IsRefusedNamingTheProviderSetting()
    {
        var configuration = Configuration(("ConnectionStrings:Dge", "Host=db.example;Database=dge;Username=dge"));

        var error = Assert.Throws<InvalidOperationException>(() => StoreSettings.From(configuration, Path.GetTempPath()));

        Assert.Contains("Dge:Database:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_RelativePath_IsUnderTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"dge-store-{Guid.NewGuid():N}");
        try
        {
            var store = StoreSettings.From(Configuration(("ConnectionStrings:Dge", "Data Source=App_Data/x.db")), root);

            Assert.Equal(DatabaseProvider.Sqlite, store.Provider);
            Assert.Equal(Path.Combine(root, "App_Data", "x.db"), StoreSettings.DatabaseFile(store.ConnectionString));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Postgres_ConnectionString_IsUsedAsGiven_WithStatementsPrepared()
    {
        const string given = "Host=db.example;Database=dge;Username=dge;";

        var store = StoreSettings.From(Configuration(("Dge:Database:Provider", "Postgres"), ("ConnectionStrings:Dge", given)), Path.GetTempPath());

        Assert.Equal(DatabaseProvider.Postgres, store.Provider);
        var used = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        Assert.Equal(("db.example", "dge", "dge"), (used.Host, used.Database, used.Username));
        Assert.Equal(StoreSettings.DefaultMaxAutoPrepare, used.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db.example;Database=dge;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example;Database=dge;maxautoprepare=20", 20)]
    [InlineData("Host=db.example;Database=dge;MAX AUTO PREPARE = 7", 7)]
    public void Postgres_ConnectionStringThatSetsAutoPreparation_IsUsedAsGiven(string given, int expected)
    {
        var store = StoreSettings.From(Configuration(("Dge:Database:Provider", "Postgres"), ("ConnectionStrings:Dge", given)), Path.GetTempPath());

        Assert.Equal(given, store.ConnectionString);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(store.ConnectionString).MaxAutoPrepare);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
