using Dge.Api.GraphQL;

namespace Dge.Api.Themes;

/// <summary>The root query fields of the themes area.</summary>
public static class ThemeQueries
{
    public static void AddThemeQueries(this QueryType query)
    {
        query.AddConnection(ThemeType.Model);
        query.AddLookup(ThemeType.Model, "themeByCode", "code", "Reference code, e.g. T01.", (t, code) => t.Code == code, "A theme by its code.");
    }
}
