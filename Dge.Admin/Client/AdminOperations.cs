namespace Dge.Admin.Client;

/// <summary>
/// The admin shell's GraphQL operations: <c>.graphql</c> files beside their pages, embedded into this assembly at build
/// time, so the API can register exactly these as trusted documents and the pages run exactly what was registered.
/// </summary>
public static class AdminOperations
{
    /// <summary>The prefix of the operations' resource names, shared with the API's own trusted documents.</summary>
    public const string ResourcePrefix = "TrustedDocuments/";

    /// <summary>The text of the operation in <c>{name}.graphql</c>.</summary>
    public static string Read(string name)
    {
        using var stream = typeof(AdminOperations).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.graphql")
            ?? throw new InvalidOperationException($"The admin operation {name}.graphql is not embedded in the admin assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
