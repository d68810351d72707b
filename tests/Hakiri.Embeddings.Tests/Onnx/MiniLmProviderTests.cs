namespace Hakiri.Embeddings.Tests.Onnx;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmProviderTests(MiniLmFixture fixture)
{
    [Fact]
    public async Task EmbedAsync_AnySentence_Gives384UnitLengthDimensions()
    {
        var vectors = await fixture.Provider.EmbedAsync(["A cat sits on the mat.", "", "Ünïcödé — 東京 🚀"]);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => x * (double)x)), 4);
        });
    }

    [Fact]
    public async Task EmbedAsync_RelatedAndUnrelatedSentences_AreCloseAndFar()
    {
        var v = await fixture.Provider.EmbedAsync(
            ["A cat sits on the mat.", "A kitten is lying on the rug.", "Quarterly revenue grew by eight percent."]);

        Assert.True(Cosine(v[0], v[1]) > 0.5, $"cat~kitten {Cosine(v[0], v[1])}");
        Assert.True(Cosine(v[0], v[2]) < 0.2, $"cat~revenue {Cosine(v[0], v[2])}");
    }

    [Fact]
    public async Task EmbedAsync_SentenceAloneOrInABatch_GivesTheSameVector()
    {
        const string sentence = "The warehouse shipped 40 orders to Zürich on Tuesday.";
        var batch = new List<string>
        {
            "short", "A much longer sentence that pads the others in this batch with many more tokens than they need.",
            "orders", sentence, "¿Dónde está la biblioteca?", "x", "東京タワー", "Refunds are processed within five days.",
            "customer churn", "ok",
        };

        var alone = (await fixture.Provider.EmbedAsync([sentence]))[0];
        var inside = (await fixture.Provider.EmbedAsync(batch))[3];

        for (var d = 0; d < alone.Length; d++)
        {
            Assert.Equal(alone[d], inside[d], 1e-4f);
        }
    }

    [Fact]
    public async Task EmbedAsync_MoreThanOneBatch_KeepsOrder()
    {
        var texts = Enumerable.Range(0, 70).Select(i => i % 2 == 0 ? "invoices and payments" : "a dog in the park").ToList();

        var vectors = await fixture.Provider.EmbedAsync(texts);

        Assert.Equal(70, vectors.Length);
        Assert.True(Cosine(vectors[0], vectors[68]) > 0.999);
        Assert.True(Cosine(vectors[1], vectors[69]) > 0.999);
        Assert.True(Cosine(vectors[0], vectors[1]) < 0.5);
    }

    [Fact]
    public async Task EmbedAsync_TextLongerThanTheLimit_IsTruncatedNotRefused()
    {
        var longText = string.Join(' ', Enumerable.Repeat("inventory reconciliation report", 400));

        var vector = (await fixture.Provider.EmbedAsync([longText]))[0];

        Assert.Equal(384, vector.Length);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * (double)y).Sum();
}
