using Microsoft.Extensions.Caching.Memory;

namespace NmtPractice.Scheduling.OnlineBooking;

/// <summary>
/// The public answers, kept briefly per replica: a page that many people open at once (a newsletter
/// went out) reads the database once every <see cref="Lifetime"/> per question, not once per visitor.
/// Expiry follows the service's <see cref="TimeProvider"/>, so tests move it on.
/// </summary>
internal sealed class OnlineBookingCache(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out (T Value, DateTimeOffset Until) kept) && now < kept.Until)
        {
            return kept.Value;
        }

        var value = await read();
        _cache.Set(key, (value, now + Lifetime), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    public void Dispose() => _cache.Dispose();
}
