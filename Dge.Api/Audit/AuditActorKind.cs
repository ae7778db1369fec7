using System.ComponentModel;

namespace Dge.Api.Audit;

[Description("Who made an audited change: a signed-in user or an API key.")]
public enum AuditActorKind
{
    [Description("A signed-in user.")]
    User,

    [Description("An API key.")]
    ApiKey,
}
