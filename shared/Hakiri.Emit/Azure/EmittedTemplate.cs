using Hakiri.Model.Diagnostics;

namespace Hakiri.Emit.Azure;

/// <summary>What <see cref="AzureTemplate.Emit"/> produced for one project and stage.</summary>
/// <param name="Bicep">The fixed module's source, <c>main.bicep</c> (the same for every project).</param>
/// <param name="ArmJson">The module compiled by the Bicep CLI, <c>main.json</c>: what a deployment sends.</param>
/// <param name="Parameters">The module's parameter values, or <see langword="null"/> when <see cref="Diagnostics"/> has an error.</param>
/// <param name="ParametersJson">The parameters file, <c>main.parameters.json</c>, or <see langword="null"/> when <see cref="Diagnostics"/> has an error.</param>
/// <param name="Diagnostics">Why the manifest cannot be deployed to Azure as written (located in the manifest), if anything.</param>
public sealed record EmittedTemplate(string Bicep, string ArmJson, AzureParameters? Parameters, string? ParametersJson, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The file names <c>hakiri emit azure</c> writes, in the order it writes them.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["main.bicep", "main.json", "main.parameters.json"];

    /// <summary>Whether the parameters could be written (no error diagnostic).</summary>
    public bool Succeeded => ParametersJson is not null;

    /// <summary>The three files by name; only valid when <see cref="Succeeded"/>.</summary>
    public IReadOnlyList<(string Name, string Text)> Files() =>
        Succeeded ? [(FileNames[0], Bicep), (FileNames[1], ArmJson), (FileNames[2], ParametersJson!)] : throw new InvalidOperationException("The template has errors; see Diagnostics.");
}
