namespace Hakiri.Search.Vectors;

/// <summary>One row's vector: its row number in the data file, the SHA-256 (lower-case hex) of the text it embeds when it came from text (lets a rebuild reuse it), and the vector.</summary>
public readonly record struct VectorRow(long Row, string? TextSha256, float[] Vector);
