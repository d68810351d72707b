namespace Hakiri.Embeddings;

/// <summary>An embedding could not be computed: the model files are missing, the endpoint refused or answered nonsense. The message is one sentence saying what to do.</summary>
public sealed class EmbeddingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingException()
    {
    }

    /// <summary>Creates the exception with its sentence.</summary>
    public EmbeddingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its sentence and cause.</summary>
    public EmbeddingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
