namespace Hakiri.Search.FullText;

/// <summary>A term's postings read from the accelerator into a pooled buffer; return it with <see cref="Dispose"/>.</summary>
internal readonly struct PostingsBuffer(byte[] buffer, int documentsLength, int length, int documentFrequency) : IDisposable
{
    public ReadOnlySpan<byte> Documents => buffer.AsSpan(0, documentsLength);

    public ReadOnlySpan<byte> Positions => buffer.AsSpan(documentsLength, length - documentsLength);

    public int DocumentFrequency => documentFrequency;

    public void Dispose() => System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
}
