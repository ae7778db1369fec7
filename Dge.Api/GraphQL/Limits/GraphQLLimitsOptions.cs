namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// Configuration section <c>Dge:GraphQL</c>: the bounds every document must keep before anything runs. They are checked
/// in time linear in the document's size (fragments are analysed once each, never expanded), so a hostile document is
/// refused for the price of reading it.
/// </summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Most lexical tokens a document may have (HotChocolate's <c>MaxAllowedTokens</c>).</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Deepest nesting of selections, counted through fragments.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Most field selections in the whole document once every fragment spread is expanded (HotChocolate's <c>MaxAllowedFields</c>).</summary>
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Most selections of one field (aliased or repeated) in one selection set.</summary>
    public int MaxAliasesPerField { get; set; } = 20;

    /// <summary>Most fragment definitions in a document.</summary>
    public int MaxFragments { get; set; } = 100;

    /// <summary>Most directives on one field, fragment spread, inline fragment, operation or variable.</summary>
    public int MaxDirectivesPerLocation { get; set; } = 5;

    /// <summary>Largest estimated cost of an operation (see <see cref="OperationCost"/>).</summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>The cost from which an operation counts as expensive and waits for one of the few expensive slots.</summary>
    public int ExpensiveCost { get; set; } = 10_000;

    /// <summary>How many expensive operations may run at once; the rest queue, and beyond the queue they are refused.</summary>
    public int MaxConcurrentExpensive { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many expensive operations may wait for a slot before more are refused with <c>SERVER_BUSY</c>.</summary>
    public int ExpensiveQueueLimit { get; set; } = 100;

    /// <summary>The list size a <c>some/all/none/any</c> filter is assumed to range over: each nesting multiplies the cost by it.</summary>
    public int ListFilterFanout { get; set; } = 100;

    /// <summary>The options, or the start-up failure naming each setting that cannot work (a bound of 0 would refuse everything).</summary>
    public GraphQLLimitsOptions Validated()
    {
        var wrong = new (string Name, int Value, int Least)[]
        {
            (nameof(MaxTokens), MaxTokens, 1),
            (nameof(MaxDepth), MaxDepth, 1),
            (nameof(MaxFields), MaxFields, 1),
            (nameof(MaxAliasesPerField), MaxAliasesPerField, 1),
            (nameof(MaxFragments), MaxFragments, 0),
            (nameof(MaxDirectivesPerLocation), MaxDirectivesPerLocation, 0),
            (nameof(MaxComplexity), MaxComplexity, 1),
            (nameof(ExpensiveCost), ExpensiveCost, 1),
            (nameof(MaxConcurrentExpensive), MaxConcurrentExpensive, 1),
            (nameof(ExpensiveQueueLimit), ExpensiveQueueLimit, 0),
            (nameof(ListFilterFanout), ListFilterFanout, 1),
        }.Where(setting => setting.Value < setting.Least).Select(setting => $"{Section}:{setting.Name} must be at least {setting.Least}; it is {setting.Value}.").ToList();
        return wrong.Count == 0 ? this : throw new InvalidOperationException(string.Join(" ", wrong));
    }
}
