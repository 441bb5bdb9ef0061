using NmtPractice.Web.Api;

namespace NmtPractice.Web.Components.Therapist;

/// <summary>One SOAP section of the note being edited, and whether what is on screen is stored.</summary>
internal sealed class SectionDraft(string name, string title)
{
    private int _edits;
    private int _stored;

    /// <summary>The section's API name (<c>subjective</c>, <c>objective</c>, <c>treatment</c>, <c>assessment</c>).</summary>
    public string Name { get; } = name;

    public string Title { get; } = title;

    /// <summary>What is on screen differs from what the note holds.</summary>
    public bool Dirty => _edits != _stored;

    public bool Saving { get; private set; }

    /// <summary>Why the last save was refused, when it was.</summary>
    public ApiProblem? Problem { get; private set; }

    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>The save state in words; <paramref name="clock"/> shows the time of the last save as the reader's clock does.</summary>
    public string Status(Func<DateTimeOffset, DateTimeOffset> clock) => Saving ? "Saving…"
        : Problem is not null ? "Not saved"
        : Dirty ? "Unsaved changes"
        : SavedAt is { } at ? $"Saved at {clock(at).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}"
        : "Saved";

    /// <summary>Something in the section was changed on screen.</summary>
    public void Touch() => _edits++;

    /// <summary>The section now shows what the note holds (after loading it).</summary>
    public void Reset()
    {
        _stored = _edits;
        Problem = null;
    }

    internal int Begin()
    {
        Saving = true;
        return _edits;
    }

    internal void Stored(int edits, DateTimeOffset at)
    {
        Saving = false;
        _stored = edits;
        Problem = null;
        SavedAt = at;
    }

    internal void Refused(ApiProblem problem)
    {
        Saving = false;
        Problem = problem;
    }
}

/// <summary>
/// Saves a session note's sections as the therapist types: each change is written a moment after
/// typing pauses (or at once when asked), one write at a time so that each names the version the
/// last one produced (<c>If-Match</c>). Whatever was typed while a write was on its way stays
/// unsaved and is written next; nothing on screen is replaced by the answer.
/// </summary>
internal sealed class NoteAutosave(
    Func<string, object> bodyOf,
    Func<string, object, string, Task<ApiResult<SessionNoteView>>> write,
    Action<SessionNoteView> stored,
    Func<Task> changed,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    /// <summary>How long typing must pause before a section is written.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The version the next write names; set from every note read or written.</summary>
    public string? ETag { get; set; }

    /// <summary>Whether changes are written as they are made (an open note), or only marked unsaved (an amendment).</summary>
    public bool Automatic { get; set; } = true;

    public SectionDraft Subjective { get; } = new("subjective", "Subjective");

    public SectionDraft Objective { get; } = new("objective", "Objective");

    public SectionDraft Treatment { get; } = new("treatment", "Treatment");

    public SectionDraft Assessment { get; } = new("assessment", "Assessment and plan");

    public IReadOnlyList<SectionDraft> Sections => [Subjective, Objective, Treatment, Assessment];

    /// <summary>Anything on screen not yet stored (or being stored).</summary>
    public bool Unsaved => Sections.Any(section => section.Dirty || section.Saving);

    /// <summary>A field of the section changed: write it once typing pauses.</summary>
    public void Changed(SectionDraft section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.Touch();
        if (!Automatic)
        {
            return;
        }

        Cancel(section);
        var pause = new CancellationTokenSource();
        _pending[section.Name] = pause;
        _ = WriteAfterPauseAsync(section, pause.Token);
    }

    private async Task WriteAfterPauseAsync(SectionDraft section, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Pause, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await SaveAsync(section);
        await changed();
    }

    /// <summary>Writes the section now if it has unsaved changes; true when it is stored afterwards.</summary>
    public async Task<bool> SaveAsync(SectionDraft section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Cancel(section);
        await _writing.WaitAsync();
        try
        {
            if (!section.Dirty)
            {
                return section.Problem is null;
            }

            var edits = section.Begin();
            await changed();
            var result = await write(section.Name, bodyOf(section.Name), ETag ?? "");
            if (result.Value is { } note)
            {
                ETag = note.ETag;
                section.Stored(edits, time.GetUtcNow());
                stored(note);
            }
            else
            {
                section.Refused(result.Problem!);
            }

            return !section.Dirty && section.Problem is null;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Writes every section with unsaved changes, in order; true when all of them are stored.</summary>
    public async Task<bool> SaveAllAsync()
    {
        var all = true;
        foreach (var section in Sections)
        {
            all &= await SaveAsync(section);
        }

        return all && !Unsaved;
    }

    /// <summary>The note was read again: what is on screen is what it holds.</summary>
    public void Loaded(SessionNoteView note)
    {
        ArgumentNullException.ThrowIfNull(note);
        ETag = note.ETag;
        foreach (var section in Sections)
        {
            Cancel(section);
            section.Reset();
        }
    }

    private void Cancel(SectionDraft section)
    {
        if (_pending.Remove(section.Name, out var pending))
        {
            pending.Cancel();
            pending.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var pending in _pending.Values)
        {
            pending.Cancel();
            pending.Dispose();
        }

        _pending.Clear();
        _writing.Dispose();
    }
}
