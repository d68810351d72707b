namespace Hakiri.Model.Manifests;

/// <summary>How a full-text index turns text into terms.</summary>
public enum TextAnalyzer
{
    /// <summary>Unicode word boundaries, lower-case, English possessives and stop words removed, Porter stemming.</summary>
    English,

    /// <summary>Unicode word boundaries and lower-case only: every word is a term as written.</summary>
    Simple,
}
