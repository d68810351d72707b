using System.Numerics;
using System.Runtime.InteropServices;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors;

/// <summary>SIMD distance kernels (System.Numerics.Vector: AVX2 on x64, NEON on arm64).</summary>
internal static class VectorMath
{
    /// <summary>The dot product of two equally long spans.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (var i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        var total = Vector.Sum(sum);
        for (var i = va.Length * width; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>The squared Euclidean distance of two equally long spans.</summary>
    public static float SquaredL2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (var i = 0; i < va.Length; i++)
        {
            var d = va[i] - vb[i];
            sum += d * d;
        }

        var total = Vector.Sum(sum);
        for (var i = va.Length * width; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            total += d * d;
        }

        return total;
    }

    /// <summary>
    /// The distance the segment reports: 1 - dot for cosine (both sides normalized beforehand), Euclidean distance for
    /// L2, negative dot for inner product.
    /// </summary>
    public static float Distance(VectorMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> vector) => metric switch
    {
        VectorMetric.Cosine => 1f - Dot(query, vector),
        VectorMetric.L2 => MathF.Sqrt(SquaredL2(query, vector)),
        _ => -Dot(query, vector),
    };

    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm > 0f)
        {
            var inverse = 1f / norm;
            foreach (ref var value in vector)
            {
                value *= inverse;
            }
        }
    }
}
