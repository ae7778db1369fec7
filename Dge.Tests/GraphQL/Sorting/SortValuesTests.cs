using System.Linq.Expressions;
using Dge.Api.GraphQL.Sorting;

namespace Dge.Tests.GraphQL.Sorting;

public sealed class SortValuesTests
{
    /// <summary>Declared out of alphabetical order, as an int column would store them.</summary>
    public enum Sample
    {
        Zeta,
        News,
        Alpha,
        NewGp,
    }

    [Fact]
    public void Of_Enum_RanksValuesByTheirApiNamesNotTheirDeclarationOrder()
    {
        var value = Expression.Parameter(typeof(Sample), "value");
        var rank = Expression.Lambda<Func<Sample, int?>>(SortValues.Of(value), value).Compile();

        var sorted = Enum.GetValues<Sample>().OrderBy(rank).ToList();

        // ALPHA, NEW_GP, NEWS, ZETA: the underscore is a word break, sorted before letters as in text.
        Assert.Equal([Sample.Alpha, Sample.NewGp, Sample.News, Sample.Zeta], sorted);
    }

    [Fact]
    public void Of_NullableEnum_KeepsNullAsNull()
    {
        var value = Expression.Parameter(typeof(Sample?), "value");
        var rank = Expression.Lambda<Func<Sample?, int?>>(SortValues.Of(value), value).Compile();

        Assert.Null(rank(null));
        Assert.Equal(0, rank(Sample.Alpha));
    }
}
