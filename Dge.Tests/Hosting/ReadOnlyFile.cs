using System.Diagnostics;

namespace Dge.Tests.Hosting;

/// <summary>
/// Makes a file read-only for the test's lifetime. Mode bits do not stop root (CI runs as root), so for root the file is
/// also made immutable with chattr, which binds root too.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string path;

    private ReadOnlyFile(string path) => this.path = path;

    public static ReadOnlyFile Make(string path)
    {
        var file = new ReadOnlyFile(path);
        File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        if (Environment.IsPrivilegedProcess)
        {
            Chattr("+i", path);
        }

        return file;
    }

    public void Dispose()
    {
        if (Environment.IsPrivilegedProcess)
        {
            Chattr("-i", path);
        }

        File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly);
    }

    private static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr") { ArgumentList = { flag, path } })
            ?? throw new InvalidOperationException("chattr did not start.");
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} {path} failed with exit code {chattr.ExitCode}.");
        }
    }
}
