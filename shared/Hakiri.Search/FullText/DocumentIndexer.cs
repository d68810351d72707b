using Hakiri.Search.Text;

namespace Hakiri.Search.FullText;

/// <summary>Analyzes documents one at a time into a <see cref="SegmentBuilder"/>, reusing its buffers between documents.</summary>
internal sealed class DocumentIndexer(SegmentBuilder builder)
{
    /// <summary>Positions added between two columns of a row, so a phrase never matches across columns.</summary>
    public const int FieldPositionGap = 100;

    private readonly List<TextToken> _tokens = [];
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly List<List<int>> _positions = [];
    private readonly List<string> _order = [];

    public void Add(FtsDocument document)
    {
        _tokens.Clear();
        var position = 0;
        foreach (var field in document.Fields)
        {
            if (!string.IsNullOrEmpty(field))
            {
                position = TextAnalysis.Analyze(field, builder.Analyzer, position, _tokens) + FieldPositionGap;
            }
        }

        var ordinal = builder.AddDocument(document.Row, _tokens.Count);
        _groups.Clear();
        _order.Clear();
        foreach (var token in _tokens)
        {
            if (!_groups.TryGetValue(token.Term, out var group))
            {
                group = _groups.Count;
                _groups.Add(token.Term, group);
                _order.Add(token.Term);
                if (_positions.Count <= group)
                {
                    _positions.Add([]);
                }

                _positions[group].Clear();
            }

            _positions[group].Add(token.Position);
        }

        for (var group = 0; group < _order.Count; group++)
        {
            builder.AddPosting(_order[group], ordinal, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_positions[group]));
        }
    }
}
