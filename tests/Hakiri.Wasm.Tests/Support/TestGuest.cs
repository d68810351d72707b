using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Hakiri.Wasm.Tests.Support;

/// <summary>
/// Writes test guests as WAT: the return areas and records are laid out byte by byte in data segments (by the
/// canonical ABI, independently of the runtime's <c>WitLayouts</c>), and each export returns a fixed address.
/// Honest by default; hostile variants replace a function body or patch the image.
/// </summary>
internal sealed class TestGuest
{
    public const int DiscoverArea = 0x100;
    public const int OpenArea = 0x300;
    public const int Batch1Area = 0x400;
    public const int Batch2Area = 0x480;
    public const int NoneArea = 0x500;
    public const int ArrowAt = 0x4000;

    public static readonly string DefaultNext = """
        (if (i32.ne (local.get 0) (i32.const 42)) (then unreachable))
        (global.set $next (i32.add (global.get $next) (i32.const 1)))
        (if (result i32) (i32.eq (global.get $next) (i32.const 1))
          (then (i32.const 0x400))
          (else (if (result i32) (i32.eq (global.get $next) (i32.const 2)) (then (i32.const 0x480)) (else (i32.const 0x500)))))
        """;

    public List<byte[]> Batches { get; } = [Arrow(1, ["ā", null]), Arrow(3, ["c"])];

    public string NextBody { get; set; } = DefaultNext;

    public string OpenBody { get; set; } = """
        (if (i32.eq (local.get 2) (i32.const 1)) (then (global.set $next (i32.load8_u (local.get 3)))))
        (i32.store (i32.const 0x308) (call $new (i32.const 42)))
        (i32.const 0x300)
        """;

    public string ReallocBody { get; set; } = """
        (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
        (global.set $heap (i32.add (local.get $p) (local.get 3)))
        (local.get $p)
        """;

    public string ExtraImports { get; set; } = "";

    public string Memory { get; set; } = "";

    public bool Cm32p2 { get; set; }

    public Action<GuestImage>? Patch { get; set; }

    /// <summary>An Arrow IPC stream of (id int64, name utf8) rows with ids from <paramref name="firstId"/>.</summary>
    public static byte[] Arrow(long firstId, string?[] names)
    {
        var ids = new Int64Array.Builder();
        var strings = new StringArray.Builder();
        for (var i = 0; i < names.Length; i++)
        {
            ids.Append(firstId + i);
            if (names[i] is { } name)
            {
                strings.Append(name);
            }
            else
            {
                strings.AppendNull();
            }
        }

        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Int64Type.Default).Nullable(false))
            .Field(f => f.Name("name").DataType(StringType.Default).Nullable(true))
            .Build();
        using var batch = new RecordBatch(schema, [ids.Build(), strings.Build()], names.Length);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    public byte[] Build() => Wasmtime.Module.ConvertText(Wat());

    public string Wat()
    {
        var image = new GuestImage();
        Layout(image);
        Patch?.Invoke(image);
        var arrowEnd = ArrowAt + Batches.Sum(b => b.Length + 8);
        var heap = (arrowEnd + 0xffff) / 0x10000 * 0x10000;
        var memory = Memory.Length > 0 ? Memory : $"{(heap / 0x10000) + 2}";
        var wat = $$"""
            (module
              (import "{HOST}" "log" (func $log (param i32 i32 i32)))
              (import "{HOST}" "now-ms" (func $now (param i32)))
              (import "{HOST}" "config" (func $config (param i32 i32 i32)))
              (import "{HOST}" "env" (func $env (param i32 i32 i32)))
              (import "{HOST}" "http-fetch" (func $http (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
              (import "{RES}" "{NEW}" (func $new (param i32) (result i32)))
              {{ExtraImports}}
              (memory (export "{MEMORY}") {{memory}})
              (global $heap (mut i32) (i32.const {{heap}}))
              (global $next (mut i32) (i32.const 0))
              (func (export "{REALLOC}") (param i32 i32 i32 i32) (result i32)
                {{ReallocBody}})
              (func (export "{DISCOVER}") (result i32)
                {{Probe}}
                (i32.const 0x100))
              (func (export "{OPEN}") (param i32 i32 i32 i32 i32) (result i32)
                {{OpenBody}})
              (func (export "{NEXT}") (param i32) (result i32)
                {{NextBody}})
              (func (export "{POST_NEXT}") (param i32)
                (call $log (i32.const 0) (i32.const 0x2900) (i32.const 9)))
              (func (export "{ACK}") (param i32 i32 i32 i32) (result i32)
                (if (i32.eqz (local.get 3)) (then (return (i32.const 0x680))))
                (if (i32.eq (i32.load8_u (local.get 2)) (i32.const 9)) (then (return (i32.const 0x6c0))))
                (call $now (i32.const 0x7c0))
                (if (i32.and (i32.eq (i32.load8_u (i32.const 0x7c0)) (i32.const 1)) (i32.ge_u (local.get 3) (i32.const 8)))
                  (then (if (i64.ne (i64.load (i32.const 0x7c8)) (i64.load (local.get 2))) (then (return (i32.const 0x640))))))
                (i32.const 0x600))
              (func (export "{DTOR}") (param i32)
                (if (i32.eq (local.get 0) (i32.const 42)) (then (call $log (i32.const 1) (i32.const 0x2910) (i32.const 7)))))
            {{image.Wat()}})
            """;
        foreach (var (placeholder, legacy, cm32p2) in Names)
        {
            wat = wat.Replace(placeholder, Cm32p2 ? cm32p2 : legacy, StringComparison.Ordinal);
        }

        return wat;
    }

    private static readonly (string, string, string)[] Names =
    [
        ("{HOST}", "hakiri:connector/host@0.1.0", "cm32p2|hakiri:connector/host@0.1"),
        ("{RES}", "[export]hakiri:connector/source@0.1.0", "cm32p2|_ex_hakiri:connector/source@0.1"),
        ("{NEW}", "[resource-new]read-handle", "read-handle_new"),
        ("{MEMORY}", "memory", "cm32p2_memory"),
        ("{REALLOC}", "cabi_realloc", "cm32p2_realloc"),
        ("{DISCOVER}", "hakiri:connector/source@0.1.0#discover", "cm32p2|hakiri:connector/source@0.1|discover"),
        ("{OPEN}", "hakiri:connector/source@0.1.0#open", "cm32p2|hakiri:connector/source@0.1|open"),
        ("{POST_NEXT}", "cabi_post_hakiri:connector/source@0.1.0#[method]read-handle.next", "cm32p2|hakiri:connector/source@0.1|[method]read-handle.next_post"),
        ("{NEXT}", "hakiri:connector/source@0.1.0#[method]read-handle.next", "cm32p2|hakiri:connector/source@0.1|[method]read-handle.next"),
        ("{ACK}", "hakiri:connector/source@0.1.0#acknowledge", "cm32p2|hakiri:connector/source@0.1|acknowledge"),
        ("{DTOR}", "hakiri:connector/source@0.1.0#[dtor]read-handle", "cm32p2|hakiri:connector/source@0.1|read-handle_dtor"),
    ];

    /// <summary>discover calls every host import and logs what came back (the probe strings live at 0x2800…).</summary>
    private const string Probe = """
        (call $config (i32.const 0x2800) (i32.const 5) (i32.const 0x700))
        (if (i32.load8_u (i32.const 0x700))
          (then (call $log (i32.const 1) (i32.load (i32.const 0x704)) (i32.load (i32.const 0x708))))
          (else (call $log (i32.const 1) (i32.const 0x2810) (i32.const 4))))
        (call $env (i32.const 0x2820) (i32.const 5) (i32.const 0x710))
        (if (i32.load8_u (i32.const 0x710))
          (then (call $log (i32.const 1) (i32.load (i32.const 0x714)) (i32.load (i32.const 0x718))))
          (else (call $log (i32.const 1) (i32.const 0x2810) (i32.const 4))))
        (call $http (i32.const 0x2830) (i32.const 4) (i32.const 0x2840) (i32.const 25) (i32.const 0x28a0) (i32.const 1)
                    (i32.const 1) (i32.const 0x28c0) (i32.const 3) (i32.const 0x740))
        (if (i32.eqz (i32.load8_u (i32.const 0x740)))
          (then
            (if (i32.eq (i32.load16_u (i32.const 0x748)) (i32.const 201))
              (then (call $log (i32.const 1) (i32.const 0x28e0) (i32.const 3))))
            (call $log (i32.const 1) (i32.load (i32.const 0x754)) (i32.load (i32.const 0x758)))
            (call $log (i32.const 1) (i32.load offset=8 (i32.load (i32.const 0x74c))) (i32.load offset=12 (i32.load (i32.const 0x74c)))))
          (else
            (if (i32.eq (i32.load8_u (i32.const 0x748)) (i32.const 3))
              (then (if (i64.eq (i64.load (i32.const 0x750)) (i64.const 1500))
                (then (call $log (i32.const 2) (i32.const 0x28d0) (i32.const 12)))))
              (else (call $log (i32.load8_u (i32.const 0x748)) (i32.load (i32.const 0x750)) (i32.load (i32.const 0x754)))))))
        """;

    private void Layout(GuestImage image)
    {
        // discover: ok([table-schema]) at 0x100; the table at 0x1000; two columns at 0x1100; primary key at 0x1200.
        image.U8(DiscoverArea, 0);
        image.Pair(DiscoverArea + 8, 0x1000, 1);
        image.String(0x1000, 0x2000, "items");
        image.U8(0x1008, 1);
        image.String(0x100c, 0x2010, "Items for sale");
        image.Pair(0x1014, 0x1100, 2);
        image.Pair(0x101c, 0x1200, 1);
        image.String(0x1100, 0x2030, "id");
        image.U8(0x1108, 1);
        image.U8(0x110b, 0);
        image.U8(0x110c, 0);
        image.String(0x1118, 0x2040, "name");
        image.U8(0x1120, 4);
        image.U8(0x1123, 1);
        image.U8(0x1124, 1);
        image.String(0x1128, 0x2050, "the name");
        image.String(0x1200, 0x2030, "id");

        // open: ok(handle) — the handle is stored at 0x308 at run time.
        image.U8(OpenArea, 0);

        // next: ok(some(batch)) twice, then ok(none).
        var at = ArrowAt;
        int[] areas = [Batch1Area, Batch2Area];
        for (var i = 0; i < Batches.Count && i < 2; i++)
        {
            image.Bytes(at, Batches[i]);
            var batch = areas[i] + 12;
            image.U8(areas[i], 0);
            image.U8(areas[i] + 8, 1);
            image.Pair(batch, (uint)at, (uint)Batches[i].Length);
            image.String(batch + 8, 0x2060 + (i * 16), $"page {i + 1}");
            image.Bytes(0x20a0 + i, [(byte)(i + 1)]);
            image.Pair(batch + 16, (uint)(0x20a0 + i), 1);
            image.U8(batch + 24, (byte)(i == 0 ? 1 : 0));
            at += (Batches[i].Length + 7) / 8 * 8;
        }

        image.U8(NoneArea, 0);
        image.U8(NoneArea + 8, 0);

        // acknowledge: ok at 0x600; err(permanent "clock mismatch") at 0x640; err(rate-limited(1500)) at 0x680;
        // err(auth-expired "token expired") at 0x6c0.
        image.U8(0x600, 0);
        image.U8(0x640, 1);
        image.U8(0x648, 1);
        image.String(0x650, 0x2100, "clock mismatch");
        image.U8(0x680, 1);
        image.U8(0x688, 3);
        image.U64(0x690, 1500);
        image.U8(0x6c0, 1);
        image.U8(0x6c8, 2);
        image.String(0x6d0, 0x2120, "token expired");

        // Probe strings.
        Text(image, 0x2800, "table");
        Text(image, 0x2810, "none");
        Text(image, 0x2820, "TOKEN");
        Text(image, 0x2830, "POST");
        Text(image, 0x2840, "https://api.example.com/x");
        Text(image, 0x2870, "accept");
        Text(image, 0x2880, "application/json");
        image.Pair(0x28a0, 0x2870, 6);
        image.Pair(0x28a8, 0x2880, 16);
        Text(image, 0x28c0, "abc");
        Text(image, 0x28d0, "rate-limited");
        Text(image, 0x28e0, "201");
        Text(image, 0x2900, "post next");
        Text(image, 0x2910, "dropped");
    }

    private static void Text(GuestImage image, int address, string text) => image.Bytes(address, Encoding.UTF8.GetBytes(text));
}
