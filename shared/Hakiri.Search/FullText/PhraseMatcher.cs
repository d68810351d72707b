using Hakiri.Search.Text;

namespace Hakiri.Search.FullText;

/// <summary>Finds the documents where every phrase term occurs at its offset from a common start.</summary>
internal static class PhraseMatcher
{
    /// <summary>
    /// Each matching document, the cursors standing on it. <paramref name="cursors"/> are in phrase order;
    /// <paramref name="lead"/> is the rarest term's index, which drives the walk.
    /// </summary>
    public static IEnumerable<int> Matches(PostingCursor[] cursors, int lead, IReadOnlyList<TextToken> phrase)
    {
        var leader = cursors[lead];
        var target = 0;
        while (leader.Advance(target))
        {
            var document = leader.Document;
            var all = true;
            for (var i = 0; i < cursors.Length && all; i++)
            {
                if (!cursors[i].Advance(document))
                {
                    yield break;
                }

                all = cursors[i].Document == document;
            }

            if (all && OccursAt(cursors, lead, phrase))
            {
                yield return document;
            }

            target = document + 1;
        }
    }

    private static bool OccursAt(PostingCursor[] cursors, int lead, IReadOnlyList<TextToken> phrase)
    {
        foreach (var position in cursors[lead].Positions())
        {
            var start = position - phrase[lead].Position;
            var all = true;
            for (var i = 0; i < cursors.Length && all; i++)
            {
                all = i == lead || cursors[i].Positions().BinarySearch(start + phrase[i].Position) >= 0;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
