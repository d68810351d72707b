namespace Hakiri.LocalLambda;

/// <summary>How to start a function's bootstrap: the program, its arguments, and environment variables.</summary>
/// <param name="Program">The executable (the AOT <c>bootstrap</c>, or <c>dotnet</c> with the DLL as argument).</param>
/// <param name="Arguments">Arguments.</param>
/// <param name="Environment">Variables added to the function's environment (e.g. <c>_HANDLER</c>, <c>HAKIRI_MANIFEST</c>).</param>
public sealed record BootstrapCommand(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
