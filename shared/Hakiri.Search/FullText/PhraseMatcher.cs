using Hakiri.Search.Text;

namespace Hakiri.Search.FullText;

/// <summary>Finds the documents where every phrase term occurs at its offset from a common start.</summary>
internal static class PhraseMatcher
{
    /// <summary>Each matching document with, per phrase term, the index of its posting in that term's list.</summary>
    public static IEnumerable<(int Document, int[] Cursors)> Matches(DecodedPostings[] lists, IReadOnlyList<TextToken> phrase)
    {
        var cursors = new int[lists.Length];
        var first = lists[0];
        for (var p = 0; p < first.Count; p++)
        {
            var document = first.Documents[p];
            cursors[0] = p;
            if (AllContain(lists, cursors, document) && OccursAt(lists, cursors, phrase))
            {
                yield return (document, cursors);
            }
        }
    }

    private static bool AllContain(DecodedPostings[] lists, int[] cursors, int document)
    {
        for (var i = 1; i < lists.Length; i++)
        {
            var documents = lists[i].Documents;
            var cursor = cursors[i];
            while (cursor < documents.Length && documents[cursor] < document)
            {
                cursor++;
            }

            cursors[i] = cursor;
            if (cursor == documents.Length || documents[cursor] != document)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OccursAt(DecodedPostings[] lists, int[] cursors, IReadOnlyList<TextToken> phrase)
    {
        foreach (var start in lists[0].PositionsOf(cursors[0]))
        {
            var all = true;
            for (var i = 1; i < lists.Length && all; i++)
            {
                all = lists[i].PositionsOf(cursors[i]).BinarySearch(start - phrase[0].Position + phrase[i].Position) >= 0;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
