using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>The core function types the canonical ABI gives each import and export of <c>source-connector</c>.</summary>
internal static class GuestSignatures
{
    private static readonly ValueKind I32 = ValueKind.Int32;

    public static (ValueKind[] Parameters, ValueKind[] Results) OfImport(string name) => name switch
    {
        "log" => ([I32, I32, I32], []),
        "now-ms" => ([I32], []),
        "config" or "env" => ([I32, I32, I32], []),
        "http-fetch" => ([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32], []),
        "[resource-new]read-handle" or "read-handle_new" or "[resource-rep]read-handle" or "read-handle_rep" => ([I32], [I32]),
        _ => ([I32], []),
    };

    /// <summary>The expected type of a world export, or <see langword="null"/> if the name is not one.</summary>
    public static (ValueKind[] Parameters, ValueKind[] Results)? OfExport(GuestNaming naming, string name)
    {
        if (name == naming.Discover)
        {
            return ([], [I32]);
        }

        if (name == naming.Open)
        {
            return ([I32, I32, I32, I32, I32], [I32]);
        }

        if (name == naming.Acknowledge)
        {
            return ([I32, I32, I32, I32], [I32]);
        }

        if (name == naming.Next)
        {
            return ([I32], [I32]);
        }

        if (name == naming.Realloc)
        {
            return ([I32, I32, I32, I32], [I32]);
        }

        if (name == naming.Initialize)
        {
            return ([], []);
        }

        if (name == naming.Dtor || name == naming.PostOf(naming.Discover) || name == naming.PostOf(naming.Open)
            || name == naming.PostOf(naming.Acknowledge) || name == naming.PostOf(naming.Next))
        {
            return ([I32], []);
        }

        return null;
    }

    /// <summary>WAT-like text of a function type: <c>(func (param i32 i32) (result i32))</c>.</summary>
    public static string Text(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        var text = "(func";
        if (parameters.Count > 0)
        {
            text += " (param " + string.Join(' ', parameters.Select(Kind)) + ")";
        }

        if (results.Count > 0)
        {
            text += " (result " + string.Join(' ', results.Select(Kind)) + ")";
        }

        return text + ")";
    }

    public static bool Matches(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results, (ValueKind[] Parameters, ValueKind[] Results) expected) =>
        parameters.SequenceEqual(expected.Parameters) && results.SequenceEqual(expected.Results);

    private static string Kind(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
