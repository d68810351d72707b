using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>Golden files under tests/Hakiri.Emit.Tests/Golden; HAKIRI_UPDATE_GOLDEN=1 rewrites them for review.</summary>
internal static class Golden
{
    public static void Check(string name, string actual)
    {
        var path = RepoPaths.Of(["tests", "Hakiri.Emit.Tests", "Golden", .. name.Split('/')]);
        if (Environment.GetEnvironmentVariable("HAKIRI_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with HAKIRI_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
