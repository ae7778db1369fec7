using System.Linq.Expressions;

namespace Dge.Api.Data;

/// <summary>
/// Splices lambdas into larger expression trees; EF cannot translate <c>Expression.Invoke</c>. This is how a domain rule,
/// written once as an expression, is used inside SQL queries.
/// </summary>
public static class ExpressionRewriter
{
    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced, in order, by <paramref name="arguments"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments)
    {
        if (arguments.Length != lambda.Parameters.Count)
        {
            throw new ArgumentException($"The lambda takes {lambda.Parameters.Count} arguments; {arguments.Length} were given.", nameof(arguments));
        }

        var body = lambda.Body;
        for (var i = 0; i < arguments.Length; i++)
        {
            body = new Replacer(lambda.Parameters[i], arguments[i]).Visit(body);
        }

        return body;
    }

    private sealed class Replacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
