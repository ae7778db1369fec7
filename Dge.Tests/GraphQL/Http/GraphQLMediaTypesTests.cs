using Dge.Api.GraphQL.Http;
using Microsoft.Net.Http.Headers;

namespace Dge.Tests.GraphQL.Http;

public sealed class GraphQLMediaTypesTests
{
    [Theory]
    [InlineData("", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json; charset=utf-8", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json;q=0.5, application/json", "application/json")]
    [InlineData("application/graphql-response+json;q=0.5, text/html", "application/graphql-response+json")]
    [InlineData("application/json;q=0, */*", "application/graphql-response+json")]
    [InlineData("text/html", null)]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0", null)]
    public void Negotiate_AcceptHeader_PicksTheResponseMediaType(string accept, string? expected)
    {
        var ranges = MediaTypeHeaderValue.ParseList(accept.Length == 0 ? [] : [accept]);

        var chosen = GraphQLMediaTypes.Negotiate(ranges);

        Assert.Equal(expected, chosen);
    }
}
