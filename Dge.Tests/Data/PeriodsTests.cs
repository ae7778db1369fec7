using Dge.Api.Data;
using Dge.Api.Groups;

namespace Dge.Tests.Data;

public sealed class PeriodsTests
{
    private static DgeGroup Group(DateOnly from, DateOnly? to) => new() { Name = "Gruppe", From = from, To = to };

    [Theory]
    [InlineData(2024, false)]
    [InlineData(2025, true)]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    public void IsActiveIn_GroupFoundedInMarch2025DissolvedOnNewYear2027_IsActiveInTheYearsItTouches(int year, bool expected)
    {
        var group = Group(new DateOnly(2025, 3, 1), new DateOnly(2027, 1, 1));

        var active = group.IsActiveIn(year);

        Assert.Equal(expected, active);
    }

    [Fact]
    public void ActiveOn_InMemoryAndCompiledExpression_AgreeOnTheHalfOpenBounds()
    {
        var group = Group(new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 1));
        var days = new[] { new DateOnly(2025, 2, 28), new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 31), new DateOnly(2025, 6, 1) };

        var inMemory = days.Select(group.IsActiveOn).ToList();
        var expression = days.Select(day => Periods.ActiveOn<DgeGroup>(day).Compile()(group)).ToList();

        Assert.Equal([false, true, true, false], inMemory);
        Assert.Equal(inMemory, expression);
    }

    [Fact]
    public void CloseOn_OpenPeriod_SetsTheExclusiveEnd()
    {
        var group = Group(new DateOnly(2025, 3, 1), null);

        group.CloseOn(new DateOnly(2025, 9, 1));

        Assert.Equal(new DateOnly(2025, 9, 1), group.To);
        Assert.False(group.IsActiveOn(new DateOnly(2025, 9, 1)));
    }

    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("2025-02-01")]
    [InlineData("2025-10-01")]
    public void CloseOn_OnOrBeforeTheStartOrAfterTheEnd_IsRefused(string day)
    {
        var group = Group(new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 1));

        Assert.False(group.CanCloseOn(DateOnly.Parse(day)));
        Assert.Throws<InvalidOperationException>(() => group.CloseOn(DateOnly.Parse(day)));
        Assert.Equal(new DateOnly(2025, 9, 1), group.To);
    }
}
