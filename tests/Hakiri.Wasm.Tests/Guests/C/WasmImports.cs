using System.Text;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>Reads the import section of a WebAssembly core module (binary format, section id 2): a check that needs no wabt.</summary>
internal static class WasmImports
{
    public static IReadOnlyList<(string Module, string Name)> Read(byte[] module)
    {
        Assert.True(module.Length >= 8 && module.AsSpan(0, 4).SequenceEqual("\0asm"u8), "not a WebAssembly module");
        Assert.Equal(1, BitConverter.ToInt32(module, 4));
        var imports = new List<(string, string)>();
        var at = 8;
        while (at < module.Length)
        {
            var id = module[at++];
            var size = (int)Leb(module, ref at);
            var end = at + size;
            if (id == 2)
            {
                var count = Leb(module, ref at);
                for (var i = 0; i < count; i++)
                {
                    var moduleName = Name(module, ref at);
                    var name = Name(module, ref at);
                    var kind = module[at++];
                    SkipDescription(module, ref at, kind);
                    imports.Add((moduleName, name));
                }
            }

            at = end;
        }

        return imports;
    }

    private static void SkipDescription(byte[] module, ref int at, byte kind)
    {
        switch (kind)
        {
            case 0: // func: type index
                Leb(module, ref at);
                break;
            case 1: // table: reftype, limits
                at++;
                SkipLimits(module, ref at);
                break;
            case 2: // memory: limits
                SkipLimits(module, ref at);
                break;
            case 3: // global: valtype, mutability
                at += 2;
                break;
            default:
                Assert.Fail($"unknown import kind {kind}");
                break;
        }
    }

    private static void SkipLimits(byte[] module, ref int at)
    {
        var flags = module[at++];
        Leb(module, ref at);
        if ((flags & 1) != 0)
        {
            Leb(module, ref at);
        }
    }

    private static string Name(byte[] module, ref int at)
    {
        var length = (int)Leb(module, ref at);
        var name = Encoding.UTF8.GetString(module, at, length);
        at += length;
        return name;
    }

    private static uint Leb(byte[] module, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = module[at++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
