using System.Collections;
using System.Linq.Expressions;
using System.Security.Claims;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Filtering;

/// <summary>
/// Turns a HotChocolate-style <c>where</c> input into an expression tree that EF translates to SQL:
/// nothing is filtered in memory. Values are wrapped so EF sends them as parameters, not literals. Dated relations
/// (a doctor's clinic, a group's members) are read on <paramref name="day"/>, the connection's asOf.
/// </summary>
public sealed class FilterBuilder(ModelRegistry models, DgeDbContext db, DateOnly day, ClaimsPrincipal? user)
{
    public const string And = "and";
    public const string Or = "or";

    /// <summary>Most conditions one filter may hold: the SQL (and EF's translation of it) grows with every one.</summary>
    public const int MaxConditions = 100;

    /// <summary>Deepest nesting of one filter, counted in path segments such as <c>or[0]</c> or <c>clinic</c>.</summary>
    public const int MaxNesting = 16;

    /// <summary>Most values an <c>in</c> or <c>nin</c> list may hold.</summary>
    public const int MaxInValues = 1000;

    /// <summary>
    /// Longest string a filter compares with: no name, code or text in the graph comes close, and the database refuses
    /// patterns far longer than this with an error the client would otherwise see only as an internal failure.
    /// </summary>
    public const int MaxStringLength = 500;

    private int _conditions;

    public Expression<Func<T, bool>> Build<T>(IDictionary<string, object?> where, string path = "where")
        where T : Entity
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        _conditions = 0;
        return Expression.Lambda<Func<T, bool>>(Build(models.For<T>(), parameter, where, path), parameter);
    }

    private LambdaExpression Predicate(EntityModel model, IDictionary<string, object?> where, string path)
    {
        var parameter = Expression.Parameter(model.ClrType, "x");
        return Expression.Lambda(Build(model, parameter, where, path), parameter);
    }

    private Expression Build(EntityModel model, Expression entity, IDictionary<string, object?> where, string path)
    {
        if (path.Count(c => c is '.' or '[') >= MaxNesting)
        {
            throw DgeQueryError.InvalidFilter(path, $"filters may nest at most {MaxNesting} levels deep.");
        }

        return AllOf(where.Select(field =>
        {
            var fieldPath = $"{path}.{field.Key}";
            return field.Key switch
            {
                And => Combine(model, entity, field.Value, fieldPath, Expression.AndAlso),
                Or => Combine(model, entity, field.Value, fieldPath, Expression.OrElse),
                "id" => Operations(Expression.Convert(EntityModel.IdOf(entity), typeof(int?)), field.Value, fieldPath, FilterKind.Id, model.Name),
                _ => Field(model, entity, field.Key, field.Value, fieldPath),
            };
        }).ToList());
    }

    /// <summary>Every condition must hold; no condition matches everything.</summary>
    private static Expression AllOf(List<Expression> conditions) =>
        conditions.Count == 0 ? Expression.Constant(true) : Balanced(conditions, 0, conditions.Count, Expression.AndAlso);

    private Expression Combine(EntityModel model, Expression entity, object? value, string path, Func<Expression, Expression, Expression> join)
    {
        var clauses = AsList(value, path).Select((clause, i) => Build(model, entity, AsObject(clause, $"{path}[{i}]"), $"{path}[{i}]")).ToList();
        if (clauses.Count == 0)
        {
            throw DgeQueryError.InvalidFilter(path, "needs at least one condition.");
        }

        return Balanced(clauses, 0, clauses.Count, join);
    }

    // A balanced tree keeps the expression shallow, where a left-deep chain of many clauses exhausts the stack
    // of EF's translator.
    private static Expression Balanced(List<Expression> clauses, int start, int count, Func<Expression, Expression, Expression> join) =>
        count == 1
            ? clauses[start]
            : join(Balanced(clauses, start, count / 2, join), Balanced(clauses, start + (count / 2), count - (count / 2), join));

    private Expression Field(EntityModel model, Expression entity, string name, object? value, string path)
    {
        if (model.Scalars.FirstOrDefault(s => s.Name == name) is { } scalar)
        {
            if (scalar.RequiredRole is { } role && !Roles.Has(user, role))
            {
                throw DgeQueryError.NotAuthorized(path, role);
            }

            var member = ExpressionRewriter.Inline(scalar.Selector, entity);
            return Operations(member, value, path, FilterKinds.Of(scalar.NonNullableType), idType: null);
        }

        if (model.References.FirstOrDefault(r => r.Name == name) is { } reference)
        {
            var targetModel = models.For(reference.TargetType);
            var filter = AsObject(value, path);
            if (reference.Link is { } link && MissingTarget.FailsFilter(targetModel, filter, models))
            {
                // From the targets' side: SQL finds the few matching targets and their parents, instead of working out the
                // relation for every parent to test it.
                var candidate = Expression.Parameter(reference.TargetType, "target");
                var matches = Expression.Lambda(Build(targetModel, candidate, filter, path), candidate);
                return Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], link.ParentIdsWhere(db, matches, day), EntityModel.IdOf(entity));
            }

            var target = ExpressionRewriter.Inline(reference.NavigationOn(day), entity);
            return Build(targetModel, target, filter, path);
        }

        if (model.Connections.FirstOrDefault(c => c.Name == name) is { } connection)
        {
            var children = connection.ChildrenOf(db, entity, connection.HasAsOf ? day : null);
            return Collection(models.For(connection.ChildType), children, AsObject(value, path), path);
        }

        throw DgeQueryError.InvalidFilter(path, $"{model.Name} has no filterable field '{name}'.");
    }

    private Expression Collection(EntityModel childModel, Expression children, IDictionary<string, object?> operations, string path) =>
        AllOf(operations.Select(entry =>
        {
            var (operation, value) = entry;
            var operationPath = $"{path}.{operation}";
            return operation switch
            {
                "some" => Any(childModel, children, Predicate(childModel, AsObject(value, operationPath), operationPath)),
                "none" => Expression.Not(Any(childModel, children, Predicate(childModel, AsObject(value, operationPath), operationPath))),
                "all" => Expression.Call(typeof(Queryable), nameof(Queryable.All), [childModel.ClrType], children,
                    Expression.Quote(Predicate(childModel, AsObject(value, operationPath), operationPath))),
                "any" => value is bool wanted
                    ? (wanted ? Any(childModel, children, null) : Expression.Not(Any(childModel, children, null)))
                    : throw DgeQueryError.InvalidFilter(operationPath, "expects true or false."),
                _ => throw DgeQueryError.InvalidFilter(operationPath, "unknown list operation; use some, all, none or any."),
            };
        }).ToList());

    private static Expression Any(EntityModel childModel, Expression children, LambdaExpression? predicate) =>
        predicate is null
            ? Expression.Call(typeof(Queryable), nameof(Queryable.Any), [childModel.ClrType], children)
            : Expression.Call(typeof(Queryable), nameof(Queryable.Any), [childModel.ClrType], children, Expression.Quote(predicate));

    private Expression Operations(Expression member, object? value, string path, FilterKind kind, string? idType) =>
        AllOf(AsObject(value, path).Select(entry => Operation(member, entry.Key, entry.Value, $"{path}.{entry.Key}", kind, idType)).ToList());

    private Expression Operation(Expression member, string operation, object? operand, string path, FilterKind kind, string? idType)
    {
        if (++_conditions > MaxConditions)
        {
            throw DgeQueryError.InvalidFilter(path, $"a filter may hold at most {MaxConditions} conditions.");
        }

        if (!FilterKinds.Operations(kind).Contains(operation))
        {
            throw DgeQueryError.InvalidFilter(path, $"'{operation}' is not an operation for this field.");
        }

        return operation switch
        {
            "eq" => Expression.Equal(member, Value(member.Type, operand, path, kind, idType)),
            "neq" => Expression.NotEqual(member, Value(member.Type, operand, path, kind, idType)),
            "in" => In(member, operand, path, kind, idType),
            "nin" => Expression.Not(In(member, operand, path, kind, idType)),
            "gt" => Compare(Expression.GreaterThan, member, operand, path, kind),
            "ngt" => Expression.Not(Compare(Expression.GreaterThan, member, operand, path, kind)),
            "gte" => Compare(Expression.GreaterThanOrEqual, member, operand, path, kind),
            "ngte" => Expression.Not(Compare(Expression.GreaterThanOrEqual, member, operand, path, kind)),
            "lt" => Compare(Expression.LessThan, member, operand, path, kind),
            "nlt" => Expression.Not(Compare(Expression.LessThan, member, operand, path, kind)),
            "lte" => Compare(Expression.LessThanOrEqual, member, operand, path, kind),
            "nlte" => Expression.Not(Compare(Expression.LessThanOrEqual, member, operand, path, kind)),
            "contains" => StringCall(nameof(string.Contains), member, operand, path),
            "ncontains" => Expression.Not(StringCall(nameof(string.Contains), member, operand, path)),
            "startsWith" => StringCall(nameof(string.StartsWith), member, operand, path),
            "nstartsWith" => Expression.Not(StringCall(nameof(string.StartsWith), member, operand, path)),
            "endsWith" => StringCall(nameof(string.EndsWith), member, operand, path),
            "nendsWith" => Expression.Not(StringCall(nameof(string.EndsWith), member, operand, path)),
            _ => throw DgeQueryError.InvalidFilter(path, $"unknown operation '{operation}'."),
        };
    }

    private Expression Compare(Func<Expression, Expression, BinaryExpression> compare, Expression member, object? operand, string path, FilterKind kind)
    {
        if (operand is null)
        {
            throw DgeQueryError.InvalidFilter(path, "cannot compare with null.");
        }

        return compare(member, Value(member.Type, operand, path, kind, null));
    }

    private Expression StringCall(string method, Expression member, object? operand, string path)
    {
        if (operand is not string text)
        {
            throw DgeQueryError.InvalidFilter(path, "expects a string.");
        }

        CheckLength(text, path);
        var nonNull = Expression.NotEqual(member, Expression.Constant(null, typeof(string)));
        var call = (method, db.Database.IsSqlite()) switch
        {
            (nameof(string.StartsWith), true) => Glob(member, GlobText(text) + "*"),
            (nameof(string.EndsWith), true) => Glob(member, "*" + GlobText(text)),
            _ => Expression.Call(member, typeof(string).GetMethod(method, [typeof(string)])!, QueryParameter.Of(text)),
        };
        return Expression.AndAlso(nonNull, call);
    }

    // Every text match is case-sensitive, as the schema documents. On SQLite, EF sends StartsWith and EndsWith as LIKE,
    // which ignores the case of ASCII letters, while Contains is case-sensitive: GLOB is case-sensitive, so all three
    // compare text the same way. PostgreSQL's LIKE and strpos, which EF sends for all three, are case-sensitive already.
    private static MethodCallExpression Glob(Expression member, string pattern) =>
        Expression.Call(
            typeof(SqliteDbFunctionsExtensions).GetMethod(nameof(SqliteDbFunctionsExtensions.Glob))!,
            Expression.Property(null, typeof(EF), nameof(EF.Functions)),
            member,
            QueryParameter.Of(pattern));

    /// <summary>The text as a GLOB pattern matching only itself: each wildcard or bracket in a bracket of its own.</summary>
    private static string GlobText(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' ? $"[{c}]" : c.ToString()));

    private Expression In(Expression member, object? operand, string path, FilterKind kind, string? idType)
    {
        var items = AsList(operand, path);
        if (items.Count > MaxInValues)
        {
            throw DgeQueryError.InvalidFilter(path, $"takes at most {MaxInValues} values.");
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        for (var i = 0; i < items.Count; i++)
        {
            list.Add(Convert(member.Type, items[i], $"{path}[{i}]", kind, idType));
        }

        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], QueryParameter.Of(list, list.GetType()), member);
    }

    private Expression Value(Type type, object? operand, string path, FilterKind kind, string? idType) =>
        QueryParameter.Of(Convert(type, operand, path, kind, idType), type);

    private object? Convert(Type type, object? operand, string path, FilterKind kind, string? idType)
    {
        if (operand is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? throw DgeQueryError.InvalidFilter(path, "this field is never null.")
                : null;
        }

        if (operand is string text)
        {
            CheckLength(text, path);
        }

        if (kind == FilterKind.Id)
        {
            return NodeId.KeyOf(operand as string, idType!) ?? throw DgeQueryError.InvalidFilter(path, $"'{operand}' is not an id of a {idType}.");
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return operand switch
        {
            // Instants are stored in UTC; an input with an offset (or none) is compared as that instant in UTC, which
            // PostgreSQL's timestamptz also requires of a parameter.
            DateTime instant when target == typeof(DateTime) => instant.Kind switch
            {
                DateTimeKind.Utc => instant,
                DateTimeKind.Local => instant.ToUniversalTime(),
                _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
            },
            DateTimeOffset instant when target == typeof(DateTime) => instant.UtcDateTime,
            _ when target.IsInstanceOfType(operand) => operand,
            int i when target == typeof(double) => (double)i,
            long l when target == typeof(int) && l is >= int.MinValue and <= int.MaxValue => (int)l,
            long l when target == typeof(double) => (double)l,
            _ => throw DgeQueryError.InvalidFilter(path, $"expects a value of type {target.Name}."),
        };
    }

    private static void CheckLength(string text, string path)
    {
        if (text.Length > MaxStringLength)
        {
            throw DgeQueryError.InvalidFilter(path, $"a string may be at most {MaxStringLength} characters long.");
        }
    }

    private static IDictionary<string, object?> AsObject(object? value, string path) =>
        value as IDictionary<string, object?> ?? throw DgeQueryError.InvalidFilter(path, "expects an object.");

    private static IList<object?> AsList(object? value, string path) => value switch
    {
        IList<object?> list => list,
        IEnumerable enumerable and not string and not IDictionary<string, object?> => enumerable.Cast<object?>().ToList(),
        _ => throw DgeQueryError.InvalidFilter(path, "expects a list."),
    };
}
