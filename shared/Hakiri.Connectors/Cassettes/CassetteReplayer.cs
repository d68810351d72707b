namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// Serves a cassette's recorded responses with no network. A request matches a recording with the same method, the
/// same URL after redaction (query parameters in any order) and the same body when one was recorded. Identical
/// recordings are served in recorded order; once all are used the last one is served again, so an extra poll or retry
/// does not fail the test (<see cref="AllInteractionsUsed"/> tells the other way round). A request with no recording
/// throws <see cref="CassetteMissException"/>. Safe to use from several requests at once.
/// </summary>
public sealed class CassetteReplayer : HttpMessageHandler
{
    private readonly Redactor _redactor;
    private readonly string? _pipeline;
    private readonly bool[] _used;
    private readonly Lock _gate = new();
    private int _served;

    /// <summary>Creates a replayer of <paramref name="cassette"/>.</summary>
    /// <param name="cassette">The recordings.</param>
    /// <param name="cassettePath">Where the cassette came from, for messages.</param>
    /// <param name="redactor">Redacts live requests as the recording did; <see cref="Redactor.None"/> when <see langword="null"/>.</param>
    /// <param name="pipeline">The pipeline named in the re-record advice of a <see cref="CassetteMissException"/>.</param>
    public CassetteReplayer(Cassette cassette, string cassettePath, Redactor? redactor = null, string? pipeline = null)
    {
        Cassette = cassette;
        CassettePath = cassettePath;
        _redactor = redactor ?? Redactor.None;
        _pipeline = pipeline;
        _used = new bool[cassette.Interactions.Count];
    }

    /// <summary>Loads the cassette at <paramref name="path"/> and creates a replayer of it.</summary>
    /// <exception cref="CassetteFileException">The file is missing or malformed.</exception>
    public static CassetteReplayer Load(string path, Redactor? redactor = null, string? pipeline = null) =>
        new(Cassette.Load(path), path, redactor, pipeline);

    /// <summary>The recordings served.</summary>
    public Cassette Cassette { get; }

    /// <summary>Where the cassette came from.</summary>
    public string CassettePath { get; }

    /// <summary>How many requests have been served.</summary>
    public int ServedCount
    {
        get
        {
            lock (_gate)
            {
                return _served;
            }
        }
    }

    /// <summary>Whether every recording has been served at least once.</summary>
    public bool AllInteractionsUsed => UnusedInteractions.Count == 0;

    /// <summary>The recordings not served yet, in recorded order.</summary>
    public IReadOnlyList<CassetteInteraction> UnusedInteractions
    {
        get
        {
            lock (_gate)
            {
                return [.. Cassette.Interactions.Where((_, i) => !_used[i])];
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var live = await CassetteExchange.ToCassetteAsync(request, _redactor, cancellationToken).ConfigureAwait(false);
        return CassetteExchange.ToMessage(Next(live).Response, request);
    }

    private CassetteInteraction Next(CassetteRequest live)
    {
        lock (_gate)
        {
            var last = -1;
            for (var i = 0; i < _used.Length; i++)
            {
                if (CassetteMatcher.Matches(Cassette.Interactions[i].Request, live))
                {
                    last = i;
                    if (!_used[i])
                    {
                        break;
                    }
                }
            }

            if (last < 0)
            {
                throw new CassetteMissException(live.Method, live.Url, CassettePath, _pipeline);
            }

            _used[last] = true;
            _served++;
            return Cassette.Interactions[last];
        }
    }
}
