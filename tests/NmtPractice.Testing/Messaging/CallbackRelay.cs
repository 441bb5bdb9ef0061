using System.Net;

namespace NmtPractice.Testing.Messaging;

/// <summary>
/// A real loopback HTTP listener that passes each request on, unchanged, to a service hosted
/// in-process (which has no port of its own): how the real SMS gateway reaches a service under test
/// with its delivery reports and incoming texts.
/// </summary>
public sealed class CallbackRelay : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpClient> _service;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private CallbackRelay(int port, Func<HttpClient> service)
    {
        Port = port;
        _service = service;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Its base address.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts relaying to the service <paramref name="service"/> gives a client for.</summary>
    public static CallbackRelay Start(Func<HttpClient> service) => new(FreePorts.Next(), service);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => RelayAsync(context));
        }
    }

    private async Task RelayAsync(HttpListenerContext context)
    {
        try
        {
            using var client = _service();
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.Url!.PathAndQuery);
            if (context.Request.HasEntityBody)
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                request.Content = new ByteArrayContent(body.ToArray());
                if (context.Request.ContentType is { } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }

            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(name => name.StartsWith("X-", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
            }

            using var response = await client.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            var answer = await response.Content.ReadAsByteArrayAsync();
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
        }
        finally
        {
            context.Response.Close();
        }
    }
}
