using System.Collections;
using Dge.Api.GraphQL.Model;

namespace Dge.Api.GraphQL.Filtering;

/// <summary>
/// Whether a filter through a to-one relation certainly fails for a parent that has no target (a doctor with no clinic on the
/// day): then the filter may be answered from the targets' side, as "parent in (the parents of the matching targets)". The
/// answer is "certainly fails" only where the filter's meaning on a missing target is plain (<c>eq</c> a value, <c>in</c> a
/// list without null, an ordering comparison, a text match, <c>some</c>, and combinations of them); anything else, such as
/// <c>eq: null</c>, <c>neq</c> or <c>none</c>, which a missing target may satisfy, answers false and keeps the filter as it was.
/// </summary>
public static class MissingTarget
{
    private static readonly HashSet<string> FailingComparisons = ["gt", "gte", "lt", "lte", "contains", "startsWith", "endsWith"];

    public static bool FailsFilter(EntityModel model, IDictionary<string, object?> where, ModelRegistry models) =>
        where.Any(field => FailsField(model, field.Key, field.Value, models));

    private static bool FailsField(EntityModel model, string name, object? value, ModelRegistry models)
    {
        switch (name)
        {
            case FilterBuilder.And:
                return value is IEnumerable and not string && Clauses(value).Any(c => c is IDictionary<string, object?> clause && FailsFilter(model, clause, models));
            case FilterBuilder.Or:
                var clauses = value is IEnumerable and not string ? Clauses(value).ToList() : [];
                return clauses.Count > 0 && clauses.All(c => c is IDictionary<string, object?> clause && FailsFilter(model, clause, models));
        }

        if (value is not IDictionary<string, object?> inner)
        {
            return false;
        }

        if (name == "id" || model.Scalars.Any(s => s.Name == name))
        {
            return inner.Any(operation => FailsOnNull(operation.Key, operation.Value));
        }

        if (model.References.FirstOrDefault(r => r.Name == name) is { } reference)
        {
            return FailsFilter(models.For(reference.TargetType), inner, models);
        }

        if (model.Connections.Any(c => c.Name == name))
        {
            // A missing target has no children: "some" fails, and so does "any: true".
            return inner.Any(operation => operation.Key == "some" || (operation.Key == "any" && operation.Value is true));
        }

        return false;
    }

    /// <summary>Whether the scalar operation fails on a null value.</summary>
    private static bool FailsOnNull(string operation, object? operand) => operation switch
    {
        "eq" => operand is not null,
        "in" => operand is IEnumerable list and not string && Clauses(list).All(item => item is not null),
        _ => FailingComparisons.Contains(operation) && operand is not null,
    };

    private static IEnumerable<object?> Clauses(object? value) => ((IEnumerable)value!).Cast<object?>();
}
