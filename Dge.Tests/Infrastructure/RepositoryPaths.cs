namespace Dge.Tests.Infrastructure;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Schema => Path.Combine(Root, "schema");

    public static string Operations => Path.Combine(Root, "schema", "operations");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DgeGraph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DgeGraph.sln not found above the test assembly.");
    }
}
