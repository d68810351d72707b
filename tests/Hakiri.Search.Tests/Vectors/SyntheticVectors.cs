using Hakiri.Search.Vectors;

namespace Hakiri.Search.Tests.Vectors;

/// <summary>Seeded clustered vectors: Gaussian cluster centres plus Gaussian noise, like embeddings of related texts.</summary>
internal sealed class SyntheticVectors
{
    private readonly Random _random;
    private readonly float[][] _centres;
    private readonly int _dimensions;

    public SyntheticVectors(int seed, int clusters, int dimensions)
    {
        _random = new Random(seed);
        _dimensions = dimensions;
        _centres = Enumerable.Range(0, clusters).Select(_ => Gaussian(1f)).ToArray();
    }

    /// <summary>A vector near a random centre.</summary>
    public float[] Next(float noise = 0.5f)
    {
        var centre = _centres[_random.Next(_centres.Length)];
        var vector = Gaussian(noise);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += centre[i];
        }

        return vector;
    }

    /// <summary>Rows numbered from <paramref name="firstRow"/> with a step of 3 (row numbers need not be dense).</summary>
    public VectorRow[] Rows(int count, long firstRow = 0) =>
        Enumerable.Range(0, count).Select(i => new VectorRow(firstRow + (3L * i), i % 2 == 0 ? Hash(i) : null, Next())).ToArray();

    /// <summary>A SHA-256-shaped hex string for index <paramref name="i"/>.</summary>
    public static string Hash(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    private float[] Gaussian(float scale)
    {
        var vector = new float[_dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            vector[i] = scale * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return vector;
    }
}
