using Dge.Api.Data.Collation;

namespace Dge.Tests.Data.Collation;

public sealed class DanishCollationTests
{
    [Theory]
    [InlineData("z", "æ")]
    [InlineData("æ", "ø")]
    [InlineData("ø", "å")]
    [InlineData("Zacho", "Ærø")]
    [InlineData("zebra", "Øberg")]
    [InlineData("Åberg", "Aagaard")]
    [InlineData("Å", "aa")]
    [InlineData("Ab", "Aa")]
    [InlineData("abc", "ABD")]
    [InlineData("de Fine", "Dyhr")]
    [InlineData("e", "é")]
    [InlineData("é", "f")]
    [InlineData("Mygind", "Müller")]
    [InlineData("Müller", "Mz")]
    [InlineData("Bæk", "Bäk")]
    [InlineData("Bäk", "Bøk")]
    [InlineData("Bøk", "Bök")]
    [InlineData("Bök", "Bål")]
    [InlineData("9", "a")]
    [InlineData("a", "ab")]
    [InlineData("A", "a")]
    [InlineData("aA", "aa")]
    public void Compare_DanishPairs_FirstSortsBeforeSecond(string first, string second)
    {
        Assert.True(DanishCollation.Compare(first, second) < 0, $"{first} should sort before {second}");
        Assert.True(DanishCollation.Compare(second, first) > 0, $"{second} should sort after {first}");
    }

    [Fact]
    public void Compare_UpperAndLowerCase_StayTogetherBetweenOtherLetters()
    {
        var sorted = new[] { "b", "A", "B", "a", "c", "C" }.Order(DanishCollation.Comparer).ToList();

        Assert.Equal(["A", "a", "B", "b", "C", "c"], sorted);
    }

    [Fact]
    public void Compare_DifferentStrings_AreNeverEqual()
    {
        var words = new[] { "Aa", "AA", "aa", "Å", "å", "a", "A", "é", "e", "E", "É", "ä", "æ", "Æ", "ü", "y", "aA" };

        foreach (var x in words)
        {
            foreach (var y in words)
            {
                Assert.Equal(x == y, DanishCollation.Compare(x, y) == 0);
                Assert.Equal(-Math.Sign(DanishCollation.Compare(y, x)), Math.Sign(DanishCollation.Compare(x, y)));
            }
        }
    }

    [Fact]
    public void Compare_Null_SortsFirst()
    {
        Assert.True(DanishCollation.Compare(null, "a") < 0);
        Assert.Equal(0, DanishCollation.Compare(null, null));
    }
}
