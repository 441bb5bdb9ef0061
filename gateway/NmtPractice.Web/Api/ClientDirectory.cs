namespace NmtPractice.Web.Api;

/// <summary>Finds clients of the working location by name as someone types (intake audits each search).</summary>
internal sealed class ClientDirectory(GatewayApi api)
{
    /// <summary>How long typing must pause before asking.</summary>
    public static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(250);

    /// <summary>A search box's state: what was typed and what the latest search found.</summary>
    public ClientLookup Lookup() => new(this);

    /// <summary>Clients whose name matches at least two typed letters; nothing for less.</summary>
    public async Task<ApiResult<List<ClientMatchView>>> FindAsync(Guid locationId, string name, CancellationToken cancellationToken)
    {
        var typed = name.Trim();
        if (typed.Length < 2)
        {
            return new ApiResult<List<ClientMatchView>>([], null);
        }

        await Task.Delay(TypingPause, cancellationToken);
        var result = await api.GetAsync<List<ClientMatchView>>($"api/intake/clients?locationId={locationId}&name={Uri.EscapeDataString(typed)}", cancellationToken);
        return result with { Value = result.Value ?? [] };
    }
}

/// <summary>
/// One search box: each keystroke cancels the search before it, so only the newest text's answer
/// is shown.
/// </summary>
internal sealed class ClientLookup(ClientDirectory directory) : IDisposable
{
    private CancellationTokenSource? _typing;

    public string Text { get; private set; } = "";

    public bool Searching { get; private set; }

    public IReadOnlyList<ClientMatchView> Matches { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    /// <summary>Enough has been typed to search.</summary>
    public bool Asked => Text.Trim().Length >= 2;

    public async Task TypedAsync(string text, Guid? locationId)
    {
        Text = text;
        if (_typing is not null)
        {
            await _typing.CancelAsync();
            _typing.Dispose();
        }

        _typing = new CancellationTokenSource();
        if (locationId is not { } location)
        {
            return;
        }

        try
        {
            Searching = true;
            var result = await directory.FindAsync(location, text, _typing.Token);
            Matches = result.Value ?? [];
            Problem = result.Problem;
            Searching = false;
        }
        catch (OperationCanceledException)
        {
            // A newer keystroke took over.
        }
    }

    public void Clear()
    {
        _typing?.Cancel();
        Text = "";
        Matches = [];
        Problem = null;
        Searching = false;
    }

    public void Dispose() => _typing?.Dispose();
}
