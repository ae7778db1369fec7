using GraphQL;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// A document refused before it runs, for breaking one of the bounds in <see cref="GraphQLLimitsOptions"/>; or an
/// operation the server was too busy to run (<c>SERVER_BUSY</c>), which a client retries after a while.
/// </summary>
public sealed class LimitError : ExecutionError
{
    private LimitError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public static LimitError TooManyTokens(int max) =>
        new("MAX_TOKENS", $"The document has more than {max} tokens.");

    public static LimitError TooDeep(int max) =>
        new("MAX_DEPTH", $"The query's depth exceeds the maximum of {max}: selections nest too deeply.");

    public static LimitError NestedTooDeeply() =>
        new("MAX_DEPTH", "The document nests selections or values more deeply than the parser allows.");

    public static LimitError TooManyFields(int max) =>
        new("MAX_FIELDS", $"The document selects more than {max} fields once its fragments are expanded.");

    public static LimitError TooManyAliases(string field, int max) =>
        new("MAX_ALIASES", $"'{field}' is selected in more than {max} different ways (or too many times) on one level, counting the fragments spread there and the selections merged from the level above.");

    public static LimitError FragmentCycle(string fragment) =>
        new("NO_FRAGMENT_CYCLES", $"The fragment '{fragment}' spreads itself, directly or through other fragments; fragment spreads must not form cycles.");

    public static LimitError TooManyFragments(int max) =>
        new("MAX_FRAGMENTS", $"The document defines more than {max} fragments.");

    public static LimitError TooManyDirectives(int max) =>
        new("MAX_DIRECTIVES", $"A location in the document carries more than {max} directives.");

    public static LimitError TooComplex(double cost, int max) =>
        new("COMPLEXITY", $"The query's estimated cost is above the maximum of {max} (pricing stopped at {Format(cost)}). Ask for smaller pages, fewer fields or simpler filters.");

    private const string BusyCode = "SERVER_BUSY";

    /// <summary>What the HTTP answer to <see cref="Busy"/> tells the client to wait (<c>Retry-After</c>).</summary>
    public const int BusyRetryAfterSeconds = 2;

    public static LimitError Busy() =>
        new(BusyCode, "Too many expensive operations are running or waiting; retry shortly, or ask for less.");

    /// <summary>
    /// The database's write lock stayed taken by another writer past the bounded wait for it (busy_timeout, then the
    /// driver's retries up to its command timeout). The operation ran in its own transaction, which was rolled back.
    /// </summary>
    public static LimitError DatabaseBusy() =>
        new(BusyCode, "The database stayed busy with other writes past the wait for it; this operation wrote nothing. Retry shortly.");

    /// <summary>Whether <paramref name="result"/> is the refusal of an expensive operation for want of a slot.</summary>
    public static bool IsServerBusy(ExecutionResult result) => result.Errors is [LimitError { Code: BusyCode }];

    private static string Format(double cost) =>
        cost >= 1e15 ? "beyond counting" : Math.Ceiling(cost).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
