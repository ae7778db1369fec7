using System.Text;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>The hostile documents of the "safe to expose" attack, each small enough to send and once enough to pin a core.</summary>
public static class HostileDocuments
{
    /// <summary><c>fragment Fk on Query { ...F(k-1) ...F(k-1) }</c>: under 1 KB, 2^levels fields once expanded.</summary>
    public static string FragmentBomb(int levels)
    {
        var text = new StringBuilder("query { ...F").Append(levels).Append(" }\nfragment F0 on Query { __typename }\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append("fragment F").Append(level).Append(" on Query { ...F").Append(level - 1).Append(" ...F").Append(level - 1).Append(" }\n");
        }

        return text.ToString();
    }

    /// <summary>List filters nested <paramref name="levels"/> deep: meetings whose attendees attended meetings whose attendees…</summary>
    public static string NestedListFilter(int levels)
    {
        // After an odd number of levels the filter is on a doctor, after an even number on a meeting.
        var filter = levels % 2 == 1 ? "{ lastName: { startsWith: \"x\" } }" : "{ durationHours: { gt: 100 } }";
        for (var level = levels - 1; level >= 0; level--)
        {
            filter = level % 2 == 0
                ? $"{{ attendees: {{ some: {filter} }} }}"
                : $"{{ meetingsAttended: {{ some: {filter} }} }}";
        }

        return $"{{ meetings(where: {filter}) {{ totalCount }} }}";
    }

    /// <summary>The same field selected <paramref name="count"/> times.</summary>
    public static string RepeatedField(int count) => "{ " + string.Concat(Enumerable.Repeat("__typename ", count)) + "}";

    /// <summary><paramref name="count"/> distinct fragments, each spread once.</summary>
    public static string ManyFragments(int count) =>
        "query { " + string.Concat(Enumerable.Range(0, count).Select(i => $"...F{i} ")) + "}\n"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"fragment F{i} on Query {{ __typename }}\n"));

    /// <summary><paramref name="count"/> aliases of one field, e.g. a whole introspection or a view.</summary>
    public static string Aliases(int count, string field) =>
        "{ " + string.Concat(Enumerable.Range(0, count).Select(i => $"a{i}: {field} ")) + "}";

    /// <summary>One field carrying <paramref name="count"/> directives.</summary>
    public static string Directives(int count) =>
        "{ __typename " + string.Concat(Enumerable.Repeat("@include(if:true)", count)) + "}";

    /// <summary>One doctor given to <c>nodes(ids:)</c> as a single value (GraphQL reads it as a list of one), then connections of 100 three deep.</summary>
    public const string SingleIdForNodes =
        "{ nodes(ids: \"RG9jdG9yOjE=\") { ... on Doctor { meetingsAttended(first: 100) { nodes { attendees(first: 100) { nodes { meetingsAttended(first: 100) { nodes { id } } } } } } } } }";

    /// <summary>Most of a full introspection, as a selection: about 8,000 values.</summary>
    public const string DeepIntrospection =
        "__schema{types{name kind description fields{name description args{name description type{name kind ofType{name kind ofType{name}}}} type{name kind ofType{name kind ofType{name kind}}}} inputFields{name description type{name kind ofType{name kind ofType{name}}}} enumValues{name description}}}";

    /// <summary>A short introspection of the schema, as a selection (without the operation around it).</summary>
    public const string SchemaIntrospection = "__schema{types{name fields{name type{name}}}}";
}
