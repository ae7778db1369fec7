using Dge.Admin.Client;

namespace Dge.Tests.Admin.Client;

public sealed class DanishTests
{
    [Theory]
    [InlineData(0.78234, "78,2 %")]
    [InlineData(1.0, "100,0 %")]
    [InlineData(0.0, "0,0 %")]
    [InlineData(null, "–")]
    public void Percent_Ratio_WritesOneDecimalWithAComma(double? ratio, string expected) => Assert.Equal(expected, Danish.Percent(ratio));

    [Fact]
    public void Percent_EmptyWhole_IsADash() => Assert.Equal("–", Danish.Percent(3, 0));

    [Theory]
    [InlineData(1234567.0, 0, "1.234.567")]
    [InlineData(1234.5, 1, "1.234,5")]
    [InlineData(12.0, 0, "12")]
    public void Grouped_Number_SeparatesThousandsWithDotsAndDecimalsWithAComma(double value, int decimals, string expected) =>
        Assert.Equal(expected, Danish.Grouped(value, decimals));

    [Fact]
    public void Kroner_Amount_IsWholeKronerWithTheUnit() => Assert.Equal("41.600 kr.", Danish.Kroner(41600));
}
