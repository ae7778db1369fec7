namespace Dge.Api.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>The scheduled backup (<see cref="BackupOptions"/>, off by default). The commands run before the host is built.</summary>
    public static WebApplicationBuilder AddDgeBackup(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<BackupOptions>(builder.Configuration.GetSection(BackupOptions.Section));
        builder.Services.AddHostedService<ScheduledBackup>();
        return builder;
    }
}
