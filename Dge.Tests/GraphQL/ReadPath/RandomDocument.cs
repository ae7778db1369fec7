using System.Text;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>A selection in a generated document: a field, an inline fragment or a fragment spread.</summary>
public abstract record Selection
{
    public abstract void Print(StringBuilder text);

    /// <summary>Smaller versions of this selection, for shrinking a failing document.</summary>
    public abstract IEnumerable<Selection> Shrink();

    public static void PrintSet(StringBuilder text, IReadOnlyList<Selection> selections)
    {
        text.Append(" {");
        foreach (var selection in selections)
        {
            text.Append(' ');
            selection.Print(text);
        }

        text.Append(" }");
    }

    /// <summary>The list without one item, or with one item shrunk: the usual shrinking steps of a list.</summary>
    public static IEnumerable<IReadOnlyList<T>> ShrinkList<T>(IReadOnlyList<T> items, Func<T, IEnumerable<T>> shrink)
    {
        for (var i = 0; i < items.Count; i++)
        {
            yield return [.. items.Take(i), .. items.Skip(i + 1)];
        }

        for (var i = 0; i < items.Count; i++)
        {
            foreach (var smaller in shrink(items[i]))
            {
                yield return [.. items.Take(i), smaller, .. items.Skip(i + 1)];
            }
        }
    }
}

/// <summary>An argument and its value as written in the document: a literal or a <c>$variable</c>.</summary>
public sealed record Argument(string Name, string Value);

public sealed record FieldSelection(string? Alias, string Name, IReadOnlyList<Argument> Arguments, IReadOnlyList<Selection> Selections) : Selection
{
    public override void Print(StringBuilder text)
    {
        text.Append(Alias is null ? Name : $"{Alias}: {Name}");
        if (Arguments.Count > 0)
        {
            text.Append('(').AppendJoin(", ", Arguments.Select(a => $"{a.Name}: {a.Value}")).Append(')');
        }

        if (Selections.Count > 0)
        {
            PrintSet(text, Selections);
        }
    }

    public override IEnumerable<Selection> Shrink()
    {
        if (Alias is not null)
        {
            yield return this with { Alias = null };
        }

        foreach (var arguments in ShrinkList(Arguments, _ => []))
        {
            yield return this with { Arguments = arguments };
        }

        foreach (var selections in ShrinkList(Selections, s => s.Shrink()).Where(s => s.Count > 0))
        {
            yield return this with { Selections = selections };
        }
    }
}

public sealed record InlineFragment(string? TypeCondition, IReadOnlyList<Selection> Selections) : Selection
{
    public override void Print(StringBuilder text)
    {
        text.Append(TypeCondition is null ? "..." : $"... on {TypeCondition}");
        PrintSet(text, Selections);
    }

    public override IEnumerable<Selection> Shrink()
    {
        if (TypeCondition is not null)
        {
            yield return this with { TypeCondition = null };
        }

        foreach (var selections in ShrinkList(Selections, s => s.Shrink()).Where(s => s.Count > 0))
        {
            yield return this with { Selections = selections };
        }
    }
}

public sealed record FragmentSpread(string Name) : Selection
{
    public override void Print(StringBuilder text) => text.Append("...").Append(Name);

    public override IEnumerable<Selection> Shrink() => [];
}

public sealed record FragmentDefinition(string Name, string TypeCondition, IReadOnlyList<Selection> Selections);

/// <summary>A declared variable, its GraphQL type and its value as JSON (null: not sent).</summary>
public sealed record VariableDefinition(string Name, string Type, string? Json);

/// <summary>A document generated from the schema: one query operation, its fragments and its variables.</summary>
public sealed record RandomDocument(IReadOnlyList<VariableDefinition> Variables, IReadOnlyList<Selection> Selections, IReadOnlyList<FragmentDefinition> Fragments)
{
    public string Query
    {
        get
        {
            var text = new StringBuilder("query");
            if (Variables.Count > 0)
            {
                text.Append('(').AppendJoin(", ", Variables.Select(v => $"${v.Name}: {v.Type}")).Append(')');
            }

            Selection.PrintSet(text, Selections);
            foreach (var fragment in Fragments)
            {
                text.Append(" fragment ").Append(fragment.Name).Append(" on ").Append(fragment.TypeCondition);
                Selection.PrintSet(text, fragment.Selections);
            }

            return text.ToString();
        }
    }

    /// <summary>The variables as a JSON object, or null when none is sent.</summary>
    public string? VariablesJson =>
        Variables.Any(v => v.Json is not null)
            ? "{" + string.Join(", ", Variables.Where(v => v.Json is not null).Select(v => $"\"{v.Name}\": {v.Json}")) + "}"
            : null;

    public override string ToString() => VariablesJson is null ? Query : $"{Query}  variables: {VariablesJson}";

    /// <summary>Smaller documents: fewer fragments, variables or selections, or a selection shrunk.</summary>
    public IEnumerable<RandomDocument> Shrink()
    {
        foreach (var fragments in Selection.ShrinkList(Fragments, f => f.Selections.Count > 1 ? Selection.ShrinkList(f.Selections, s => s.Shrink()).Where(s => s.Count > 0).Select(s => f with { Selections = s }) : []))
        {
            yield return this with { Fragments = fragments };
        }

        foreach (var variables in Selection.ShrinkList(Variables, v => v.Json is null ? [] : [v with { Json = null }]))
        {
            yield return this with { Variables = variables };
        }

        foreach (var selections in Selection.ShrinkList(Selections, s => s.Shrink()).Where(s => s.Count > 0))
        {
            yield return this with { Selections = selections };
        }
    }
}
