using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Scalars;

/// <summary>
/// <c>@specifiedBy(url:)</c>, the GraphQL spec's built-in directive that links a custom scalar to the document defining
/// its format. GraphQL.NET 8 does not define it, so the schema registers it; introspection answers it as
/// <c>__Type.specifiedByURL</c> (see <see cref="SpecIntrospection"/>).
/// </summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";

    private const string UrlArgument = "url";

    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "Exposes a URL that specifies the behaviour of this scalar.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = UrlArgument,
            Description = "The URL that specifies the behaviour of this scalar.",
        });
    }

    /// <summary>Listed in introspection like <c>@deprecated</c>, as the spec's own directives are.</summary>
    public override bool? Introspectable => true;

    /// <summary>Marks <paramref name="scalar"/> as specified by <paramref name="url"/>.</summary>
    public static void Apply(ScalarGraphType scalar, string url) => scalar.ApplyDirective(DirectiveName, UrlArgument, url);

    /// <summary>The URL applied to <paramref name="type"/>, or null when it is not a scalar or names none.</summary>
    public static string? UrlOf(IGraphType type) =>
        type is ScalarGraphType scalar ? scalar.FindAppliedDirective(DirectiveName)?.FindArgument(UrlArgument)?.Value as string : null;
}
