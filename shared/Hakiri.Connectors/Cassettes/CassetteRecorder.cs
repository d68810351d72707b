namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// Sends every request through the inner handler (the real network) and records each exchange, redacted, for
/// <see cref="Save"/>. Safe to use from several requests at once; exchanges are kept in the order their responses
/// arrived. Requests that fail without a response (a refused connection, a timeout) are not recorded.
/// </summary>
public sealed class CassetteRecorder : DelegatingHandler
{
    private readonly Redactor _redactor;
    private readonly TimeProvider _clock;
    private readonly List<CassetteInteraction> _interactions = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a recorder over <paramref name="inner"/>, which it disposes when disposed.</summary>
    /// <param name="inner">The handler that reaches the network, e.g. <c>ConnectorServices.CreateDefault().Http</c>.</param>
    /// <param name="redactor">Keeps secrets out of the recording; <see cref="Redactor.None"/> when there are none.</param>
    /// <param name="clock">Stamps <see cref="Cassette.RecordedAt"/>; the system clock when <see langword="null"/>.</param>
    public CassetteRecorder(HttpMessageHandler inner, Redactor redactor, TimeProvider? clock = null)
        : base(inner)
    {
        _redactor = redactor;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>How many exchanges have been recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _interactions.Count;
            }
        }
    }

    /// <summary>The exchanges recorded so far, as a cassette stamped now (to the second, UTC).</summary>
    public Cassette ToCassette()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            return new Cassette(Cassette.CurrentVersion, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), [.. _interactions]);
        }
    }

    /// <summary>Writes the exchanges recorded so far to <paramref name="path"/> atomically, creating its directories.</summary>
    public void Save(string path) => ToCassette().Save(path);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Read before sending: the body is buffered so the inner handler can still send it.
        var recordedRequest = await CassetteExchange.ToCassetteAsync(request, _redactor, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var recordedResponse = await CassetteExchange.ToCassetteAsync(response, _redactor, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _interactions.Add(new CassetteInteraction(recordedRequest, recordedResponse));
        }

        return response;
    }
}
