using System.Collections.Concurrent;
using MassTransit;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.Testing;

/// <summary>
/// A MassTransit bus on a test virtual host with the services' topology: it records what it receives
/// on its own queue and publishes messages as a service would.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private TestBus(IBusControl bus, ConcurrentQueue<ReceivedMessage> received)
    {
        _bus = bus;
        _received = received;
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyCollection<ReceivedMessage> Received => _received;

    /// <summary>Starts a bus on <paramref name="broker"/> that records messages of the given types.</summary>
    public static async Task<TestBus> StartAsync(Uri broker, params Type[] recordedMessageTypes)
    {
        ArgumentNullException.ThrowIfNull(recordedMessageTypes);
        var received = new ConcurrentQueue<ReceivedMessage>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.UseNmtBroker(broker, "test-bus");
            if (recordedMessageTypes.Length > 0)
            {
                rabbit.ReceiveEndpoint($"test-recorder-{Guid.NewGuid():N}", endpoint =>
                {
                    endpoint.AutoDelete = true;
                    endpoint.Durable = false;
                    foreach (var type in recordedMessageTypes)
                    {
                        typeof(TestBus).GetMethod(nameof(Record), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                            .MakeGenericMethod(type)
                            .Invoke(null, [endpoint, received]);
                    }
                });
            }
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return new TestBus(bus, received);
    }

    /// <summary>Publishes a message with a chosen message id (and extra headers) as a service would.</summary>
    public Task PublishAsync<T>(T message, Guid messageId, IReadOnlyDictionary<string, string>? headers = null)
        where T : class =>
        _bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            foreach (var (key, value) in headers ?? new Dictionary<string, string>())
            {
                context.Headers.Set(key, value);
            }
        });

    /// <summary>Publishes messages of mixed types one after another, in order, each with a new message id.</summary>
    public async Task PublishInOrderAsync(params object[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await _bus.Publish(message, message.GetType(), context => context.MessageId = Guid.CreateVersion7());
        }
    }

    /// <summary>Awaits the first received message of type <typeparamref name="T"/> matching a predicate.</summary>
    public Task<ReceivedMessage> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
        where T : class =>
        Eventually.ValueAsync(
            $"a {typeof(T).Name} on the test bus",
            () => Task.FromResult(_received.FirstOrDefault(m => m.Message is T typed && predicate(typed))),
            found => found is not null,
            timeout)!;

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private static void Record<T>(IRabbitMqReceiveEndpointConfigurator endpoint, ConcurrentQueue<ReceivedMessage> received)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            received.Enqueue(new ReceivedMessage(
                context.Message,
                context.MessageId,
                context.Headers.GetAll().ToDictionary(header => header.Key, header => header.Value?.ToString(), StringComparer.Ordinal),
                System.Diagnostics.Activity.Current?.TraceId.ToHexString()));
            return Task.CompletedTask;
        });
}

/// <summary>A message the test bus received, with its id, headers and the trace it arrived in.</summary>
public sealed record ReceivedMessage(object Message, Guid? MessageId, IReadOnlyDictionary<string, string?> Headers, string? TraceId);
