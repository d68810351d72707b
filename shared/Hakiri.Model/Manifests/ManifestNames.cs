using System.Text;

namespace Hakiri.Model.Manifests;

/// <summary>How the manifest spells an enum value: snake case (<c>NextUrl</c> → <c>next_url</c>, <c>IssueComments</c> → <c>issue_comments</c>).</summary>
public static class ManifestNames
{
    /// <summary>The manifest's spelling of <paramref name="value"/>, for messages and descriptions.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
