using Hakiri.Wasm.Runtime;
using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests.Runtime;

public sealed class ModuleCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hakiri-wasm-cache-").FullName;

    [Fact]
    public async Task Load_SecondTime_IsWarmFromTheFileTheFirstWrote()
    {
        var wasm = new TestGuest().Build();

        using var cold = Support.Guests.Connect(wasm, cacheDirectory: _directory);
        using var warm = Support.Guests.Connect(wasm, cacheDirectory: _directory);

        Assert.False(cold.LoadedFromCache);
        Assert.True(File.Exists(Path.Combine(_directory, ModuleCache.HashOf(wasm) + ".cwasm")));
        Assert.Equal(cold.Module.Sha256, ModuleCache.HashOf(wasm));
        Assert.True(warm.LoadedFromCache);
        Assert.Single(await warm.DiscoverAsync());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("flipped")]
    public async Task Load_DamagedCacheFile_RecompilesAndRewritesIt(string damage)
    {
        var wasm = new TestGuest().Build();
        using (Support.Guests.Connect(wasm, cacheDirectory: _directory))
        {
        }

        var path = Path.Combine(_directory, ModuleCache.HashOf(wasm) + ".cwasm");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "garbage" => "not a compiled module"u8.ToArray(),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => Flip(bytes, bytes.Length / 3),
        });

        using var recompiled = Support.Guests.Connect(wasm, cacheDirectory: _directory);
        using var warm = Support.Guests.Connect(wasm, cacheDirectory: _directory);

        Assert.False(recompiled.LoadedFromCache);
        Assert.Single(await recompiled.DiscoverAsync());
        Assert.True(warm.LoadedFromCache);
    }

    [Fact]
    public void Load_SerializationOfAnotherEngine_IsRecompiled()
    {
        var wasm = new TestGuest().Build();
        var path = Path.Combine(_directory, ModuleCache.HashOf(wasm) + ".cwasm");
        using (var engine = new Wasmtime.Engine())
        using (var module = Wasmtime.Module.FromBytes(engine, "other", wasm))
        {
            var serialized = module.Serialize();
            File.WriteAllBytes(path, [.. serialized, .. System.Security.Cryptography.SHA256.HashData(serialized)]);
        }

        using var connector = Support.Guests.Connect(wasm, cacheDirectory: _directory);

        Assert.False(connector.LoadedFromCache);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0xff;
        return bytes;
    }
}
