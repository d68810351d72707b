namespace Hakiri.Search.FullText;

/// <summary>
/// Walks one term's postings forward (for phrases): document and tf per posting, positions decoded only when asked,
/// skipped otherwise, so no array the size of the postings is built.
/// </summary>
internal sealed class PostingCursor(PostingsBuffer postings)
{
    private readonly PostingsBuffer _postings = postings;
    private int _documentOffset;
    private int _positionOffset;
    private int _unreadPositions;
    private int[] _positions = new int[8];

    public int Document { get; private set; } = -1;

    public int Tf { get; private set; }

    public bool Done { get; private set; }

    /// <summary>Moves to the first posting at or after <paramref name="document"/>; false when there is none.</summary>
    public bool Advance(int document)
    {
        var bytes = _postings.Documents;
        while (Document < document)
        {
            if (_documentOffset >= bytes.Length)
            {
                Done = true;
                return false;
            }

            SkipPositions();
            Document += (int)VarInt.Read(bytes, ref _documentOffset);
            Tf = (int)VarInt.Read(bytes, ref _documentOffset);
            _unreadPositions = Tf;
        }

        return true;
    }

    /// <summary>The current posting's positions, increasing.</summary>
    public ReadOnlySpan<int> Positions()
    {
        if (_unreadPositions > 0)
        {
            if (_positions.Length < Tf)
            {
                _positions = new int[Math.Max(Tf, _positions.Length * 2)];
            }

            var bytes = _postings.Positions;
            var position = 0;
            for (var i = 0; i < Tf; i++)
            {
                position += (int)VarInt.Read(bytes, ref _positionOffset);
                _positions[i] = position;
            }

            _unreadPositions = 0;
        }

        return _positions.AsSpan(0, Tf);
    }

    private void SkipPositions()
    {
        var bytes = _postings.Positions;
        for (; _unreadPositions > 0; _unreadPositions--)
        {
            while (bytes[_positionOffset++] >= 0x80)
            {
            }
        }
    }
}
