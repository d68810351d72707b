namespace Hakiri.Wasm.Runtime;

/// <summary>
/// The core-module names a guest built for <c>source-connector</c> uses: wit-bindgen's legacy names
/// (<c>hakiri:connector/source@0.1.0#discover</c>, <c>cabi_realloc</c>, …) or the newer <c>cm32p2</c> names jco and
/// wasm-tools also accept. Both map onto the same calls.
/// </summary>
internal sealed record GuestNaming(
    string Scheme,
    string HostModule,
    string ResourceModule,
    string ResourceNew,
    string ResourceRep,
    string ResourceDrop,
    string Discover,
    string Open,
    string Acknowledge,
    string Next,
    string Dtor,
    string Memory,
    string Realloc,
    string Initialize,
    string PostPrefix,
    string PostSuffix)
{
    /// <summary>The host functions, the same in both schemes.</summary>
    public static readonly IReadOnlyList<string> HostFunctions = ["log", "now-ms", "config", "env", "http-fetch"];

    public static readonly GuestNaming Legacy = new(
        "legacy",
        "hakiri:connector/host@0.1.0",
        "[export]hakiri:connector/source@0.1.0",
        "[resource-new]read-handle",
        "[resource-rep]read-handle",
        "[resource-drop]read-handle",
        "hakiri:connector/source@0.1.0#discover",
        "hakiri:connector/source@0.1.0#open",
        "hakiri:connector/source@0.1.0#acknowledge",
        "hakiri:connector/source@0.1.0#[method]read-handle.next",
        "hakiri:connector/source@0.1.0#[dtor]read-handle",
        "memory",
        "cabi_realloc",
        "_initialize",
        "cabi_post_",
        "");

    public static readonly GuestNaming Cm32p2 = new(
        "cm32p2",
        "cm32p2|hakiri:connector/host@0.1",
        "cm32p2|_ex_hakiri:connector/source@0.1",
        "read-handle_new",
        "read-handle_rep",
        "read-handle_drop",
        "cm32p2|hakiri:connector/source@0.1|discover",
        "cm32p2|hakiri:connector/source@0.1|open",
        "cm32p2|hakiri:connector/source@0.1|acknowledge",
        "cm32p2|hakiri:connector/source@0.1|[method]read-handle.next",
        "cm32p2|hakiri:connector/source@0.1|read-handle_dtor",
        "cm32p2_memory",
        "cm32p2_realloc",
        "cm32p2_initialize",
        "",
        "_post");

    public static IReadOnlyList<GuestNaming> All { get; } = [Legacy, Cm32p2];

    /// <summary>The exports a source guest must have.</summary>
    public IReadOnlyList<string> RequiredExports => [Discover, Open, Acknowledge, Next, Memory, Realloc];

    /// <summary>The post-return function of an export (<c>cabi_post_…</c> or <c>…_post</c>).</summary>
    public string PostOf(string export) => PostPrefix + export + PostSuffix;

    /// <summary>The scheme whose names the exports use: cm32p2 if any export is spelled that way, else legacy.</summary>
    public static GuestNaming Detect(IEnumerable<string> exports) =>
        exports.Any(e => e.StartsWith("cm32p2", StringComparison.Ordinal)) ? Cm32p2 : Legacy;

    /// <summary>Whether <paramref name="module"/>.<paramref name="name"/> is an import this scheme provides.</summary>
    public bool Provides(string module, string name) =>
        (module == HostModule && HostFunctions.Contains(name)) ||
        (module == ResourceModule && (name == ResourceNew || name == ResourceRep || name == ResourceDrop));
}
