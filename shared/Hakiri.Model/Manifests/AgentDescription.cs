namespace Hakiri.Model.Manifests;

/// <summary>
/// A pipeline's <c>agent_description</c>: the orientation a new hire gets from a README, for the agents that read the
/// table — what it is for, questions it answers with example queries, and what its columns mean.
/// </summary>
/// <param name="Text">Natural language about the table; may be empty.</param>
/// <param name="Examples">Example queries (SQL, or a context.query call described in words), each optionally with a comment.</param>
/// <param name="Columns">Column name to what it means.</param>
public sealed record AgentDescription(string Text, IReadOnlyList<string> Examples, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>No description.</summary>
    public static AgentDescription None { get; } = new(string.Empty, [], new Dictionary<string, string>());

    /// <summary>Whether anything is said.</summary>
    public bool Any => Text.Length > 0 || Examples.Count > 0 || Columns.Count > 0;
}
