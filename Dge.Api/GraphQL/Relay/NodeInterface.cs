using GraphQL.Types;

namespace Dge.Api.GraphQL.Relay;

/// <summary>Global object identification: every entity is a <c>Node</c> with an opaque <c>id</c>.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global, opaque id (as in Relay and HotChocolate); fetch any node again with node(id:).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id: base64 of Type:key.");
    }
}
