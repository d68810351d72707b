using System.Globalization;

namespace Hakiri.Search.Vectors;

/// <summary>Checks vectors before they are stored or searched for.</summary>
internal static class VectorValidation
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="what"/> unless it has <paramref name="dimensions"/> finite values.</summary>
    public static void Check(ReadOnlySpan<float> vector, int dimensions, string what)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} has {vector.Length} values but the index has {dimensions} dimensions; embed it with the index's model."));
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{what} has {vector[i]} at position {i}; vectors must hold finite numbers, so fix or drop it."));
            }
        }
    }
}
