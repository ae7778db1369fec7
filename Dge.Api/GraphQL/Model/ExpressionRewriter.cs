using System.Linq.Expressions;

namespace Dge.Api.GraphQL.Model;

/// <summary>Splices lambdas into larger expression trees; EF cannot translate <c>Expression.Invoke</c>.</summary>
public static class ExpressionRewriter
{
    /// <summary>The body of <paramref name="lambda"/> with its single parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new Replacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    /// <summary>The body of a two-parameter <paramref name="lambda"/> with both parameters replaced.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression first, Expression second) =>
        new Replacer(lambda.Parameters[1], second).Visit(new Replacer(lambda.Parameters[0], first).Visit(lambda.Body));

    private sealed class Replacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
