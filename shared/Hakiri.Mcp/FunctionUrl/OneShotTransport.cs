using System.Threading.Channels;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.FunctionUrl;

/// <summary>
/// A transport that carries exactly one request into an SDK server and hands back its response: stateless Streamable
/// HTTP, where each POST is answered on its own and no session outlives it.
/// </summary>
internal sealed class OneShotTransport : ITransport
{
    private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateBounded<JsonRpcMessage>(1);
    private readonly TaskCompletionSource<JsonRpcMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RequestId _id;

    public OneShotTransport(JsonRpcRequest request)
    {
        _id = request.Id;
        _incoming.Writer.TryWrite(request);
    }

    public Task<JsonRpcMessage> Response => _response.Task;

    public string? SessionId => null;

    public ChannelReader<JsonRpcMessage> MessageReader => _incoming.Reader;

    // Progress and log notifications have nowhere to go in a one-shot exchange; only the answer matters.
    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (message is JsonRpcMessageWithId reply and (JsonRpcResponse or JsonRpcError) && reply.Id.Equals(_id))
        {
            _response.TrySetResult(message);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        _response.TrySetCanceled();
        return ValueTask.CompletedTask;
    }
}
