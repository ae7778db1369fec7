using Dge.Admin.Charts;

namespace Dge.Tests.Admin.Charts;

public sealed class DanishFormatTests
{
    [Theory]
    [InlineData(0.78234, "78,2 %")]
    [InlineData(1.0, "100,0 %")]
    [InlineData(0.0, "0,0 %")]
    [InlineData(null, "–")]
    public void Percent_Ratio_WritesOneDecimalWithAComma(double? ratio, string expected) => Assert.Equal(expected, DanishFormat.Percent(ratio));

    [Fact]
    public void Percent_EmptyWhole_IsADash() => Assert.Equal("–", DanishFormat.Percent(3, 0));

    [Theory]
    [InlineData(1234567.0, 0, "1.234.567")]
    [InlineData(1234.5, 1, "1.234,5")]
    [InlineData(12.0, 0, "12")]
    public void Decimal_Number_SeparatesThousandsWithDotsAndDecimalsWithAComma(double value, int decimals, string expected) =>
        Assert.Equal(expected, DanishFormat.Decimal(value, decimals));

    [Fact]
    public void Kroner_Amount_IsWholeKronerWithTheUnit() => Assert.Equal("41.600 kr.", DanishFormat.Kroner(41600));
}
