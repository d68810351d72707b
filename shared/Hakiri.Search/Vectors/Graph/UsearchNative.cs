using System.Runtime.InteropServices;

namespace Hakiri.Search.Vectors.Graph;

/// <summary>
/// The C API of USearch's libusearch_c (shipped as a native asset of the Cloud.Unum.USearch package). Only blittable
/// arguments, so Native AOT needs no marshalling stubs; paths are passed as NUL-terminated UTF-8 bytes.
/// </summary>
internal static class UsearchNative
{
    private const string Library = "libusearch_c";

    private static readonly Lazy<bool> Loadable = new(() => NativeLibrary.TryLoad(Library, typeof(UsearchNative).Assembly, null, out _));

    /// <summary>
    /// Whether the native library loads here. Hosts may leave it out (the Lambda package does, for size and because it
    /// needs libgomp): segments are then written without a graph and searched exactly.
    /// </summary>
    public static bool Available => Loadable.Value;

    /// <summary>usearch_metric_kind_t.</summary>
    internal enum MetricKind : uint
    {
        Cosine = 1,
        InnerProduct = 2,
        L2Squared = 3,
    }

    /// <summary>usearch_scalar_kind_t value of 32-bit floats.</summary>
    internal const uint Float32 = 1;

    /// <summary>usearch_init_options_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InitOptions
    {
        public MetricKind Metric;
        public nint CustomMetric;
        public uint Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [DllImport(Library, EntryPoint = "usearch_init")]
    internal static extern nint Init(ref InitOptions options, out nint error);

    [DllImport(Library, EntryPoint = "usearch_free")]
    internal static extern void Free(nint index, out nint error);

    [DllImport(Library, EntryPoint = "usearch_save")]
    internal static extern void Save(nint index, byte[] path, out nint error);

    [DllImport(Library, EntryPoint = "usearch_view")]
    internal static extern void View(nint index, byte[] path, out nint error);

    [DllImport(Library, EntryPoint = "usearch_size")]
    internal static extern nuint Size(nint index, out nint error);

    [DllImport(Library, EntryPoint = "usearch_dimensions")]
    internal static extern nuint Dimensions(nint index, out nint error);

    [DllImport(Library, EntryPoint = "usearch_reserve")]
    internal static extern void Reserve(nint index, nuint capacity, out nint error);

    [DllImport(Library, EntryPoint = "usearch_change_expansion_search")]
    internal static extern void ChangeExpansionSearch(nint index, nuint expansion, out nint error);

    [DllImport(Library, EntryPoint = "usearch_change_threads_search")]
    internal static extern void ChangeThreadsSearch(nint index, nuint threads, out nint error);

    [DllImport(Library, EntryPoint = "usearch_add")]
    internal static extern void Add(nint index, ulong key, ref float vector, uint kind, out nint error);

    [DllImport(Library, EntryPoint = "usearch_search")]
    internal static extern nuint Search(nint index, ref float query, uint kind, nuint count, ref ulong keys, ref float distances, out nint error);

    /// <summary>Throws when <paramref name="error"/> points at a message.</summary>
    internal static void Check(nint error, string action)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The vector graph could not {action}: {Marshal.PtrToStringUTF8(error)}.");
        }
    }
}
