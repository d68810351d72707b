using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors;

namespace Hakiri.Search.Tests.Vectors;

/// <summary>Nearest neighbours computed the slow, obvious way in double precision (the reference for our kernels).</summary>
internal static class BruteForce
{
    public static double Distance(VectorMetric metric, float[] query, float[] vector) => metric switch
    {
        VectorMetric.Cosine => 1 - (Dot(query, vector) / Math.Sqrt(Dot(query, query) * Dot(vector, vector))),
        VectorMetric.L2 => Math.Sqrt(query.Zip(vector, (a, b) => (double)(a - b) * (a - b)).Sum()),
        _ => -Dot(query, vector),
    };

    public static long[] Nearest(VectorMetric metric, IEnumerable<VectorRow> rows, float[] query, int k) =>
        rows.OrderBy(row => Distance(metric, query, row.Vector)).ThenBy(row => row.Row).Take(k).Select(row => row.Row).ToArray();

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
