using Hakiri.Toml;
using Hakiri.TomlDecoder;

// toml-test's decoder contract: TOML on stdin, tagged JSON on stdout, non-zero exit on invalid input.
using var input = Console.OpenStandardInput();
using var buffer = new MemoryStream();
input.CopyTo(buffer);

TomlTable document;
try
{
    document = TomlParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
}
catch (TomlSyntaxException ex)
{
    Console.Error.WriteLine($"<stdin>:{ex.Message}");
    return 1;
}

using var output = Console.OpenStandardOutput();
TaggedJson.Write(output, document);
output.WriteByte((byte)'\n');
return 0;
