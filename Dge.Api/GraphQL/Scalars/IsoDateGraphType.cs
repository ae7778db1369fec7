using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Scalars;

/// <summary>The <c>Date</c> scalar: an ISO-8601 calendar date (yyyy-MM-dd), mapped to <see cref="DateOnly"/>.</summary>
public sealed class IsoDateGraphType : ScalarGraphType
{
    /// <summary>The GraphQL Scalars specification of exactly this format (RFC 3339 full-date), for code generators.</summary>
    public const string SpecifiedByUrl = "https://scalars.graphql.org/andimarek/local-date.html";

    public IsoDateGraphType()
    {
        Name = "Date";
        Description = "An ISO-8601 calendar date, yyyy-MM-dd (dato). Periods are half-open: [from, to).";
        SpecifiedByDirective.Apply(this, SpecifiedByUrl);
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => ParseText((string)s.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => ParseText(s),
        DateOnly d => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static DateOnly ParseText(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not an ISO date (yyyy-MM-dd).");
}
