namespace Dge.Tests.Data;

/// <summary>Damages a database file the way a bad disk or a stray write does: whole pages overwritten with noise.</summary>
public static class CorruptDatabase
{
    /// <summary>SQLite's default page size, which the host's databases use.</summary>
    public const int PageSize = 4096;

    public static async Task OverwritePagesAsync(string path, int firstPage, int pages)
    {
        var noise = new byte[PageSize * pages];
        new Random(firstPage).NextBytes(noise);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Seek((long)firstPage * PageSize, SeekOrigin.Begin);
        await file.WriteAsync(noise);
    }
}
