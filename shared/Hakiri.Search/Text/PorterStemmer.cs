namespace Hakiri.Search.Text;

/// <summary>
/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), steps 1a to
/// 5b as published. Words of one or two letters are left as they are.
/// </summary>
public static partial class PorterStemmer
{
    /// <summary>The stem of the lower-case <paramref name="word"/>.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        var stemming = new Stemming(word);
        stemming.Step1ab();
        if (stemming.End > 0)
        {
            stemming.Step1c();
            stemming.Step2();
            stemming.Step3();
            stemming.Step4();
            stemming.Step5();
        }

        return stemming.Result;
    }
}
