namespace Dge.Benchmarks;

/// <summary>Operations the suite measures beyond the examples: a deep nested read, the whole country's cluster alignment and the IDE's schema query.</summary>
public static class ExtraOperations
{
    /// <summary>Regions → municipalities → clinics → doctors → groups → members: every level a batched connection.</summary>
    public static Operation DeepNested { get; } = new(
        "DeepNested",
        """
        query DeepNested {
          regions(first: 2) {
            nodes {
              name
              municipalities(first: 3) {
                nodes {
                  name
                  clinics(first: 3) {
                    nodes {
                      name
                      doctors(first: 3) {
                        nodes {
                          lastName
                          groups(first: 2) { nodes { name members(first: 5) { nodes { role doctor { lastName } } } } }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """,
        "{}",
        OperationKind.Read);

    /// <summary>The cluster–group alignment of the whole country: every cluster's figures, groups and theme alignment (two pages of 100 hold all 114 at 1×; this is the first).</summary>
    public static Operation ClusterAlignmentCountry { get; } = new(
        "ClusterAlignmentCountry",
        """
        query ClusterAlignmentCountry {
          clusterAlignment(asOf: "2026-11-01", first: 100) {
            totalCount
            nodes {
              cluster { name }
              activeDoctors coverage alignedCoverage nynedsatCoverage
              groups { group { name } overlap members share aligned }
              themeAlignment { ratio coveredThemes { code } missedThemes { code } }
            }
          }
        }
        """,
        "{}",
        OperationKind.View);

    /// <summary>The schema query an IDE sends when it opens (types, fields, arguments, enum values, directives).</summary>
    public static Operation Introspection { get; } = new("Introspection", IntrospectionQuery, "{}", OperationKind.Read);

    public static IReadOnlyList<Operation> All { get; } = [DeepNested, ClusterAlignmentCountry, Introspection];

    private const string IntrospectionQuery = """
        query Introspection {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
