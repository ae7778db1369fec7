using System.Text;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// A value as written in the document, as JSON where it differs (an enum is a string there), and as the oracle compares it
/// (a list for <c>in</c> and <c>nin</c>).
/// </summary>
public sealed record Operand(string Literal, object? Value, string? JsonText = null)
{
    public string Json => JsonText ?? Literal;
}

/// <summary>A <c>where</c> object on an entity type (<c>DoctorFilterInput</c> …); null entries print as <c>null</c>.</summary>
public sealed record FilterTree(string Type, IReadOnlyList<FilterEntry> Entries)
{
    public override string ToString() => Text(json: false);

    /// <summary>The tree as a GraphQL input literal, or as JSON for a variable.</summary>
    public string Text(bool json)
    {
        var text = new StringBuilder();
        Print(text, json);
        return text.ToString();
    }

    public void Print(StringBuilder text, bool json)
    {
        text.Append("{ ");
        for (var i = 0; i < Entries.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(FilterEntry.Key(Entries[i].Name, json));
            Entries[i].PrintValue(text, json);
        }

        text.Append(" }");
    }

    /// <summary>Smaller trees: an entry dropped or shrunk, or a junction replaced by one of its clauses.</summary>
    public IEnumerable<FilterTree> Shrink()
    {
        foreach (var junction in Entries.OfType<Junction>().Where(j => j.Clauses is not null))
        {
            foreach (var clause in junction.Clauses!)
            {
                yield return clause;
            }
        }

        foreach (var entries in Selection.ShrinkList(Entries, e => e.Shrink()))
        {
            yield return this with { Entries = entries };
        }
    }
}

public abstract record FilterEntry(string Name)
{
    public static string Key(string name, bool json) => json ? $"\"{name}\": " : $"{name}: ";

    public abstract void PrintValue(StringBuilder text, bool json);

    public abstract IEnumerable<FilterEntry> Shrink();
}

/// <summary><c>and</c> or <c>or</c> over clauses.</summary>
public sealed record Junction(string Name, IReadOnlyList<FilterTree>? Clauses) : FilterEntry(Name)
{
    public override void PrintValue(StringBuilder text, bool json)
    {
        if (Clauses is null)
        {
            text.Append("null");
            return;
        }

        text.Append('[');
        for (var i = 0; i < Clauses.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ");
            Clauses[i].Print(text, json);
        }

        text.Append(']');
    }

    public override IEnumerable<FilterEntry> Shrink() =>
        Clauses is null ? [] : Selection.ShrinkList(Clauses, c => c.Shrink()).Select(clauses => this with { Clauses = clauses });
}

/// <summary>Operations on a scalar field or the id: <c>name: { eq: "x", in: [...] }</c>.</summary>
public sealed record ScalarCondition(string Name, IReadOnlyList<(string Operation, Operand Operand)>? Operations) : FilterEntry(Name)
{
    public override void PrintValue(StringBuilder text, bool json) =>
        text.Append(Operations is null ? "null" : "{ " + string.Join(", ", Operations.Select(o => Key(o.Operation, json) + (json ? o.Operand.Json : o.Operand.Literal))) + " }");

    public override IEnumerable<FilterEntry> Shrink() =>
        Operations is null ? [] : Selection.ShrinkList(Operations, _ => []).Select(operations => this with { Operations = operations });
}

/// <summary>A to-one relation: <c>clinic: { … }</c>.</summary>
public sealed record ToOne(string Name, FilterTree? Target) : FilterEntry(Name)
{
    public override void PrintValue(StringBuilder text, bool json)
    {
        if (Target is null)
        {
            text.Append("null");
            return;
        }

        Target.Print(text, json);
    }

    public override IEnumerable<FilterEntry> Shrink() => Target is null ? [] : Target.Shrink().Select(target => this with { Target = target });
}

/// <summary>A one-to-many relation: <c>memberships: { some: { … }, any: true }</c>; a null filter with <c>any</c> means the bool.</summary>
public sealed record ToMany(string Name, IReadOnlyList<ListCondition>? Conditions) : FilterEntry(Name)
{
    public override void PrintValue(StringBuilder text, bool json)
    {
        if (Conditions is null)
        {
            text.Append("null");
            return;
        }

        text.Append("{ ");
        for (var i = 0; i < Conditions.Count; i++)
        {
            var condition = Conditions[i];
            text.Append(i == 0 ? string.Empty : ", ").Append(Key(condition.Operation, json));
            if (condition.Operation == "any")
            {
                text.Append(condition.Any is { } any ? (any ? "true" : "false") : "null");
            }
            else if (condition.Filter is null)
            {
                text.Append("null");
            }
            else
            {
                condition.Filter.Print(text, json);
            }
        }

        text.Append(" }");
    }

    public override IEnumerable<FilterEntry> Shrink() =>
        Conditions is null
            ? []
            : Selection.ShrinkList(Conditions, c => c.Filter is null ? [] : c.Filter.Shrink().Select(f => c with { Filter = f }))
                .Select(conditions => this with { Conditions = conditions });
}

public sealed record ListCondition(string Operation, FilterTree? Filter, bool? Any);
