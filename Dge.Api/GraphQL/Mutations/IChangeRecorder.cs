using System.Security.Claims;
using Dge.Api.Data;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// Records what every mutation changes, in the mutation's own transaction. An area plugs one in through its
/// <see cref="SchemaArea"/> (the audit log does), so the engine saves the record without knowing what it is.
/// </summary>
public interface IChangeRecorder
{
    /// <summary>Why the caller may change nothing (the record cannot name them); null when they may.</summary>
    string? Refusal(ClaimsPrincipal user);

    /// <summary>
    /// Reads the changes pending in <paramref name="write"/> before they are saved, while their original values are known. The
    /// result gives the rows that record them once they are saved, when created entities have their keys.
    /// </summary>
    Func<IEnumerable<Entity>> Capture(WriteTransaction write);
}
