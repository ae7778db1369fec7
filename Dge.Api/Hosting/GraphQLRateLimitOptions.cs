namespace Dge.Api.Hosting;

/// <summary>Configuration section <c>Dge:RateLimit</c>: how many requests to <c>/graphql</c> one caller may send.</summary>
public sealed class GraphQLRateLimitOptions
{
    public const string Section = "Dge:RateLimit";

    /// <summary>Whether <c>/graphql</c> is rate-limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute one caller may send in the long run.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests one caller may send at once after a quiet spell, on top of the steady rate.</summary>
    public int Burst { get; set; } = 100;
}
