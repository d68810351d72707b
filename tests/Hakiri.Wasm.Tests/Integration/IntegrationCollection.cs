using Hakiri.Wasm.Tests.Guests.C;
using Hakiri.Wasm.Tests.Guests.Rust;

namespace Hakiri.Wasm.Tests.Integration;

/// <summary>
/// The tests that run the built guests through the real host (<see cref="WasmConnectors.Create"/>): they need both the
/// C and the Rust guests, so the collection holds both fixtures.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<CGuestsFixture>, ICollectionFixture<RustGuestFixture>
{
    public const string Name = "Guests through the real host";
}
