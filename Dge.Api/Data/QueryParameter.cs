using System.Linq.Expressions;

namespace Dge.Api.Data;

/// <summary>
/// A value placed in a built expression tree so EF sends it as a query parameter, not a literal: the SQL and EF's
/// compiled-query cache stay the same whatever the value.
/// </summary>
public static class QueryParameter
{
    public static MemberExpression Of<TValue>(TValue value) => Expression.Property(Expression.Constant(new Holder<TValue>(value)), nameof(Holder<TValue>.Value));

    /// <summary>The same, for a value whose type is known only at run time.</summary>
    public static MemberExpression Of(object? value, Type type) =>
        Expression.Property(Expression.Constant(Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)), "Value");

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
