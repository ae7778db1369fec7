using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dge.Admin.Access;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Http;
using GraphQL;
using Microsoft.AspNetCore.RateLimiting;

namespace Dge.Api.Hosting;

/// <summary>
/// Fairness on <c>/graphql</c>: a token bucket per caller, answered with 429, <c>Retry-After</c> and a GraphQL error
/// <c>RATE_LIMITED</c> when empty. The admin shell's pages that take a password or a code (<see cref="TakesPasswordAttribute"/>)
/// share the caller's bucket, so guessing through them is no faster; nothing else (health, IDE assets, other pages) is limited.
/// </summary>
public static class RateLimitingExtensions
{
    public const string RateLimitedCode = "RATE_LIMITED";

    public static WebApplicationBuilder AddDgeRateLimiting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GraphQLRateLimitOptions.Section).Get<GraphQLRateLimitOptions>() ?? new GraphQLRateLimitOptions();
        if (options.PermitsPerMinute <= 0 || options.Burst <= 0)
        {
            throw new InvalidOperationException($"{GraphQLRateLimitOptions.Section}:PermitsPerMinute and :Burst must be positive.");
        }

        // Whole tokens per refill, as many as a second's share (at least one), every period that keeps the rate exact:
        // under 120 a minute that is one token at a time, at most a second apart; above, about once a second.
        var tokensPerPeriod = Math.Max(1, options.PermitsPerMinute / 60);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / options.PermitsPerMinute,
            QueueLimit = 0,
        };
        builder.Services.AddRateLimiter(limiter =>
        {
            if (!options.Enabled)
            {
                return;
            }

            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, CallerKey(context), bucket));
            limiter.OnRejected = (rejection, cancellationToken) => WriteRejectionAsync(rejection, bucket.ReplenishmentPeriod, cancellationToken);
        });
        return builder;
    }

    public static WebApplication UseDgeRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Marks an endpoint whose answers cost the database work (the GraphQL endpoint, the report downloads), so it is
    /// limited per caller; matched on the routed endpoint, so another spelling of its path is no way round it.
    /// </summary>
    public static TBuilder RateLimitedPerCaller<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(RateLimitedMarker.Instance);

    /// <summary>The caller's bucket on a rate-limited endpoint; none elsewhere.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, string key, TokenBucketRateLimiterOptions bucket) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<RateLimitedMarker>() is not null || metadata.GetMetadata<TakesPasswordAttribute>() is not null)
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket)
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private sealed class RateLimitedMarker
    {
        public static readonly RateLimitedMarker Instance = new();
    }

    /// <summary>
    /// An authenticated caller (API key or signed-in user) has a bucket of its own, wherever it calls from: many programs
    /// behind one proxy do not share one. Everyone else, a refused key included, counts against their address.
    /// </summary>
    private static string CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } caller
            ? $"caller:{caller}"
            : AddressKey(context);

    /// <summary>The client's address as the connection shows it (behind a proxy, the proxy's: forwarded headers are not trusted).</summary>
    private static string AddressKey(HttpContext context) => $"address:{context.Connection.RemoteIpAddress}";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejection, TimeSpan replenishmentPeriod, CancellationToken cancellationToken)
    {
        var wait = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : replenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = rejection.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = $"{GraphQLMediaTypes.Json}; charset=utf-8";
        var result = ErrorResults.Of(RateLimitedCode, $"Too many requests: this caller's rate limit is used up; retry in {seconds} s.");
        var serializer = rejection.HttpContext.RequestServices.GetRequiredService<IGraphQLSerializer>();
        await serializer.WriteAsync(response.Body, result, cancellationToken);
    }
}
