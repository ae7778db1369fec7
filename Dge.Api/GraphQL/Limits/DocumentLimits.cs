using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The shape bounds of a document, checked before GraphQL.NET's validation rules run (some of those grow with the square
/// of the fields, or with the paths fragments expand to): tokens before parsing, then in one pass over the parsed tree
/// the fragments, directives, repeated fields, expanded field count and depth. Each fragment is measured once and its
/// size reused wherever it is spread, so a fragment bomb costs no more than its text.
/// </summary>
public sealed class DocumentLimits(GraphQLLimitsOptions options)
{
    /// <summary>The parser's own nesting bound: far above <see cref="GraphQLLimitsOptions.MaxDepth"/>, it only guards the stack.</summary>
    private const int MaxParserDepth = 128;

    /// <summary>
    /// The parsed document, or why there is none: the limit it breaks, or its syntax error (parsed here once, so
    /// GraphQL.NET never parses a client's text itself).
    /// </summary>
    public ExecutionError? Check(string query, out GraphQLDocument? document)
    {
        document = null;
        if (CountTokens(query, options.MaxTokens + 1, out var nulAt) > options.MaxTokens)
        {
            return LimitError.TooManyTokens(options.MaxTokens);
        }

        try
        {
            // Locations are kept: GraphQL.NET reports validation errors at them, and they tell identical selections apart.
            document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = MaxParserDepth });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return LimitError.NestedTooDeeply();
        }
        catch (GraphQLSyntaxErrorException syntaxError)
        {
            return new SyntaxError(syntaxError);
        }

        return new ShapeWalk(document, query, options).Check() ?? (nulAt is { } at ? NulText.InLiteral(at) : null);
    }

    /// <summary>
    /// Tokens up to <paramref name="stop"/>, or those before the lexer fails (the parser then reports the syntax error); and
    /// where the first string literal holding NUL starts (<see cref="NulText"/>), or null.
    /// </summary>
    private static int CountTokens(string query, int stop, out int? nulAt)
    {
        nulAt = null;
        var source = new ROM(query.AsMemory());
        var count = 0;
        var position = 0;
        try
        {
            while (count < stop)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    break;
                }

                if (nulAt is null && token.Kind == TokenKind.STRING && token.Value.Span.Contains('\0'))
                {
                    nulAt = token.Start;
                }

                count++;
                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // Counted up to the bad character; the parser reports it.
        }

        return count;
    }

    /// <summary>
    /// One pass over a parsed document, with each fragment's expanded size and depth memoised, so a fragment bomb costs no
    /// more than its text. A fragment cycle is refused here, as the walks below (and some validation rules) would loop on it.
    /// </summary>
    private sealed class ShapeWalk(GraphQLDocument document, string text, GraphQLLimitsOptions options)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = DocumentParts.Fragments(document);
        private readonly Dictionary<string, (long Fields, int Depth)> _measured = [];
        private readonly HashSet<string> _measuring = [];
        private LimitError? _error;

        public LimitError? Check()
        {
            if (_fragments.Count > options.MaxFragments)
            {
                return LimitError.TooManyFragments(options.MaxFragments);
            }

            long fields = 0;
            foreach (var definition in document.Definitions)
            {
                var (size, depth) = definition switch
                {
                    GraphQLOperationDefinition operation => MeasureOperation(operation),
                    GraphQLFragmentDefinition fragment => Measure(fragment),
                    _ => (0, 0),
                };
                if (_error is not null)
                {
                    return _error;
                }

                if (depth > options.MaxDepth)
                {
                    return LimitError.TooDeep(options.MaxDepth);
                }

                // GraphQL.NET validates every operation and every fragment definition on its own: both count.
                fields = Saturating.Add(fields, size);
                if (fields > options.MaxFields)
                {
                    return LimitError.TooManyFields(options.MaxFields);
                }
            }

            return new MergeWalk(_fragments, text, options).Check(document);
        }

        private (long Fields, int Depth) MeasureOperation(GraphQLOperationDefinition operation)
        {
            CheckDirectives(operation.Directives);
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                CheckDirectives(variable.Directives);
            }

            return Measure(operation.SelectionSet);
        }

        private (long Fields, int Depth) Measure(GraphQLFragmentDefinition fragment)
        {
            var name = fragment.FragmentName.Name.StringValue;
            if (_measured.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!_measuring.Add(name))
            {
                _error ??= LimitError.FragmentCycle(name);
                return (0, 0);
            }

            CheckDirectives(fragment.Directives);
            var measured = Measure(fragment.SelectionSet);
            _measuring.Remove(name);
            _measured[name] = measured;
            return measured;
        }

        private (long Fields, int Depth) Measure(GraphQLSelectionSet? selectionSet)
        {
            if (selectionSet is null || _error is not null)
            {
                return (0, 0);
            }

            long fields = 0;
            var depth = 0;
            foreach (var selection in selectionSet.Selections)
            {
                var (size, childDepth) = selection switch
                {
                    GraphQLField field => MeasureField(field),
                    GraphQLFragmentSpread spread => MeasureSpread(spread),
                    GraphQLInlineFragment inline => MeasureInline(inline),
                    _ => (0, 0),
                };
                fields = Saturating.Add(fields, size);
                depth = Math.Max(depth, childDepth);
            }

            return (fields, depth);
        }

        private (long Fields, int Depth) MeasureField(GraphQLField field)
        {
            CheckDirectives(field.Directives);
            var (fields, depth) = Measure(field.SelectionSet);
            return (Saturating.Add(fields, 1), depth + 1);
        }

        private (long Fields, int Depth) MeasureSpread(GraphQLFragmentSpread spread)
        {
            CheckDirectives(spread.Directives);
            return _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) ? Measure(fragment) : (0, 0);
        }

        private (long Fields, int Depth) MeasureInline(GraphQLInlineFragment inline)
        {
            CheckDirectives(inline.Directives);
            return Measure(inline.SelectionSet);
        }

        private void CheckDirectives(GraphQLDirectives? directives)
        {
            if (directives is not null && directives.Count > options.MaxDirectivesPerLocation)
            {
                _error ??= LimitError.TooManyDirectives(options.MaxDirectivesPerLocation);
            }
        }
    }

    /// <summary>
    /// Selections as GraphQL merges them, level by level: the fields of one response name, gathered through fragments,
    /// have their sub-selections merged into one level below. Validation compares such fields in pairs and execution
    /// merges them, so no level may select one field, or one response name, in more different ways than allowed. The
    /// same selection written again (as colocated fragments each asking for <c>__typename</c> or <c>id</c>) counts once
    /// there, up to a bound five times as high. Run only once the document is known to be acyclic and small when
    /// expanded, so walking the expansion is cheap.
    /// </summary>
    private sealed class MergeWalk(IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, string text, GraphQLLimitsOptions options)
    {
        private int MaxRepeats => options.MaxAliasesPerField * 5;

        public LimitError? Check(GraphQLDocument document)
        {
            foreach (var definition in document.Definitions)
            {
                var selectionSet = definition switch
                {
                    GraphQLOperationDefinition operation => operation.SelectionSet,
                    GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                    _ => null,
                };
                if (selectionSet is not null && Check([selectionSet]) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        private LimitError? Check(IReadOnlyList<GraphQLSelectionSet> level)
        {
            var byField = new Dictionary<string, Selections>();
            var byResponseName = new Dictionary<string, Selections>();
            foreach (var selectionSet in level)
            {
                Gather(selectionSet, byField, byResponseName);
            }

            foreach (var (name, selections) in byField.Concat(byResponseName))
            {
                if (selections.Different.Count > options.MaxAliasesPerField || selections.All.Count > MaxRepeats)
                {
                    return LimitError.TooManyAliases(name, options.MaxAliasesPerField);
                }
            }

            foreach (var selections in byResponseName.Values)
            {
                var below = selections.All.Select(field => field.SelectionSet).OfType<GraphQLSelectionSet>().ToList();
                if (below.Count > 0 && Check(below) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        /// <summary>The fields a selection set puts on its level, through its fragments, by field name and by response name.</summary>
        private void Gather(GraphQLSelectionSet selectionSet, Dictionary<string, Selections> byField, Dictionary<string, Selections> byResponseName)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var name = field.Name.StringValue;
                        var written = text[field.Location.Start..field.Location.End];
                        Add(byField, name, field, written);
                        Add(byResponseName, field.Alias?.Name.StringValue ?? name, field, written);
                        break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Gather(fragment.SelectionSet, byField, byResponseName);
                        break;
                    case GraphQLInlineFragment inline:
                        Gather(inline.SelectionSet, byField, byResponseName);
                        break;
                }
            }
        }

        private static void Add(Dictionary<string, Selections> selections, string key, GraphQLField field, string written)
        {
            if (!selections.TryGetValue(key, out var found))
            {
                selections[key] = found = new Selections([], []);
            }

            found.All.Add(field);
            found.Different.Add(written);
        }

        /// <summary>Every selection of one name on a level, and the different ways they are written.</summary>
        private sealed record Selections(List<GraphQLField> All, HashSet<string> Different);
    }
}
