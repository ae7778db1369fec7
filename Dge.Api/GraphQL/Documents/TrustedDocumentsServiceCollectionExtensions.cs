namespace Dge.Api.GraphQL.Documents;

public static class TrustedDocumentsServiceCollectionExtensions
{
    /// <summary>Trusted documents and automatic persisted queries, as <c>Dge:GraphQL:TrustedDocuments</c> says.</summary>
    public static WebApplicationBuilder AddDgeTrustedDocuments(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TrustedDocumentsOptions.Section).Get<TrustedDocumentsOptions>() ?? new TrustedDocumentsOptions();

        // Developers and tests send documents of their own all day; elsewhere the trusted ones are offered too.
        var mode = options.TrustedDocuments
            ?? (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Test") ? TrustedDocumentsMode.Off : TrustedDocumentsMode.Allow);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<TrustedDocumentRegistry>();
        builder.Services.AddSingleton<PersistedQueryStore>();
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<DocumentResolver>(services, mode));
        return builder;
    }
}
