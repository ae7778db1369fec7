using Microsoft.Extensions.Caching.Memory;

namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// Documents registered by clients through the automatic persisted query protocol, by hash. The store is bounded by
/// the total length of its documents: when full, a new document is not kept (and the least recently used ones are
/// evicted), so a client can only make others resend their text, never exhaust the memory.
/// </summary>
public sealed class PersistedQueryStore(TrustedDocumentsOptions options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.PersistedQueryStoreCharacters });

    public string? Find(string hash) => cache.Get<string>(hash);

    public void Add(string hash, string document) => cache.Set(hash, document, new MemoryCacheEntryOptions { Size = Math.Max(1, document.Length) });

    public void Dispose() => cache.Dispose();
}
