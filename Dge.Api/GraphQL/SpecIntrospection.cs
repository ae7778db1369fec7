using Dge.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Introspection;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Dge.Api.GraphQL;

/// <summary>
/// Introspection as the current GraphQL spec defines it, which code generators ask for (graphql-js'
/// <c>getIntrospectionQuery</c> with <c>directiveIsRepeatable</c>, <c>specifiedByUrl</c> and <c>inputValueDeprecation</c>):
/// <c>__Directive.isRepeatable</c>, <c>__Type.specifiedByURL</c>, <c>__InputValue.isDeprecated/deprecationReason</c> and
/// <c>includeDeprecated</c> on <c>__Field.args</c>, <c>__Type.inputFields</c> and <c>__Directive.args</c>.
/// GraphQL.NET 8 has switches for some of these and lacks <c>specifiedByURL</c> and <c>__Directive.args(includeDeprecated:)</c>,
/// which <see cref="Extend"/> adds to its introspection types before the schema initialises them.
/// </summary>
public static class SpecIntrospection
{
    private const string IncludeDeprecated = "includeDeprecated";

    /// <summary>Turns on GraphQL.NET's switches and registers <c>@specifiedBy</c>; called from the schema's constructor.</summary>
    public static void Enable(Schema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.Filter = new SpecIntrospectionFilter();
        schema.Directives.Register(new SpecifiedByDirective());
    }

    /// <summary>
    /// Adds what GraphQL.NET's introspection types lack; called for every type before it is initialised. Each addition
    /// is skipped where the type already has it, so a GraphQL.NET that brings its own is not given a duplicate.
    /// </summary>
    public static void Extend(IGraphType type)
    {
        switch (type)
        {
            case __Type typeType when !typeType.HasField("specifiedByURL"):
                typeType.AddField(new FieldType
                {
                    Name = "specifiedByURL",
                    Type = typeof(StringGraphType),
                    Resolver = new FuncFieldResolver<IGraphType, string?>(context => SpecifiedByDirective.UrlOf(context.Source)),
                });
                break;
            case __Directive directiveType when directiveType.GetField("args") is { } args && args.Arguments?.Find(IncludeDeprecated) is null:
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = IncludeDeprecated, DefaultValue = false });
                args.Resolver = new FuncFieldResolver<Directive, IEnumerable<QueryArgument>>(context =>
                {
                    var includeDeprecated = context.GetArgument<bool>(IncludeDeprecated);
                    return context.Source.Arguments?.Where(argument => includeDeprecated || string.IsNullOrWhiteSpace(argument.DeprecationReason)) ?? [];
                });
                break;
        }
    }

    /// <summary>GraphQL.NET's default filter hides <c>isRepeatable</c> as a draft feature; it is in the spec since October 2021.</summary>
    private sealed class SpecIntrospectionFilter : DefaultSchemaFilter
    {
        public override Task<bool> AllowField(IGraphType parent, IFieldType field) =>
            parent is __Directive && field.Name == "isRepeatable" ? Allowed : base.AllowField(parent, field);
    }
}
