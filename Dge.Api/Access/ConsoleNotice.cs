namespace Dge.Api.Access;

/// <summary>
/// Says something to whoever started the host, on its console only: never through the logging pipeline, whose entries are
/// kept, shipped and exported (OpenTelemetry) with their attributes. For the Development admin password.
/// </summary>
public class ConsoleNotice
{
    /// <summary>Writes <paramref name="line"/> to the process's standard output.</summary>
    public virtual void WriteLine(string line) => Console.Out.WriteLine(line);
}
