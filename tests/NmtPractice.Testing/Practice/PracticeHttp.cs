using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace NmtPractice.Testing.Practice;

/// <summary>Sending the practice's requests and reading what the APIs answer.</summary>
public static class PracticeHttp
{
    /// <summary>
    /// Sends <paramref name="body"/> as JSON and returns the response, or fails with the method, path,
    /// status and response body when the status is not one of <paramref name="expected"/> (by default
    /// any success status): set-up steps say why they were refused instead of failing later elsewhere.
    /// </summary>
    public static async Task<HttpResponseMessage> SendExpectingAsync(
        this HttpClient client,
        HttpMethod method,
        string path,
        object body,
        IReadOnlyCollection<HttpStatusCode>? expected = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute)) { Content = JsonContent.Create(body, body?.GetType() ?? typeof(object)) };
        var response = await client.SendAsync(request, cancellationToken);
        if (expected is null ? response.IsSuccessStatusCode : expected.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            throw new InvalidOperationException(
                $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The response's JSON body as <typeparamref name="T"/> (failing, with the body, when there is none).</summary>
    internal static async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new InvalidOperationException($"The response ({(int)response.StatusCode}) has no {typeof(T).Name}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    // What tests read within a test, cancelled with the test.

    /// <summary>The id of the resource a response created or read.</summary>
    public static async Task<Guid> IdOfAsync(this HttpResponseMessage response) => (await response.ReadAsync<Identified>()).Id;

    /// <summary>The response's JSON body as <typeparamref name="T"/>.</summary>
    public static Task<T> ReadAsync<T>(this HttpResponseMessage response) => ReadBodyAsync<T>(response, TestContext.Current.CancellationToken);

    /// <summary>The JSON body of a GET of <paramref name="path"/> as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.GetFromJsonAsync<T>(new Uri(path, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"GET {path} answered no {typeof(T).Name}.");
    }

    /// <summary>The problem a refused request was answered with.</summary>
    public static Task<Problem> ProblemAsync(this HttpResponseMessage response) => response.ReadAsync<Problem>();

    /// <summary>The title of a ProblemDetails response: the stable summary of why it was refused.</summary>
    public static async Task<string?> ProblemTitleAsync(this HttpResponseMessage response) => (await response.ProblemAsync()).Title;

    /// <summary>The appointment as scheduling reads it back.</summary>
    public static Task<AppointmentView> AppointmentAsync(this HttpClient client, Guid appointmentId) =>
        client.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{appointmentId}");

    /// <summary>The appointment's status as scheduling reads it back.</summary>
    public static async Task<string> StatusOfAsync(this HttpClient client, Guid appointmentId) =>
        (await client.AppointmentAsync(appointmentId)).Status;
}
