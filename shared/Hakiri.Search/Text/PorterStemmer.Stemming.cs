namespace Hakiri.Search.Text;

public static partial class PorterStemmer
{
    // The word being stemmed: _b[0.._k] is the current word, _j marks the stem's end once Ends matched a suffix.
    private sealed partial class Stemming(string word)
    {
        private readonly char[] _b = (word + "  ").ToCharArray();
        private int _k = word.Length - 1;
        private int _j;

        public int End => _k;

        public string Result => new(_b, 0, _k + 1);

        // A consonant is a letter other than a, e, i, o, u, and other than y preceded by a consonant.
        private bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        // m in [C](VC)^m[V] for _b[0.._j].
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (i <= _j && IsConsonant(i))
            {
                i++;
            }

            while (i <= _j)
            {
                while (i <= _j && !IsConsonant(i))
                {
                    i++;
                }

                if (i > _j)
                {
                    return n;
                }

                n++;
                while (i <= _j && IsConsonant(i))
                {
                    i++;
                }
            }

            return n;
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        // *o: consonant-vowel-consonant ending at i, the last consonant not w, x or y.
        private bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > _k + 1)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                if (_b[_k - length + 1 + i] != suffix[i])
                {
                    return false;
                }
            }

            _j = _k - length;
            return true;
        }

        private void SetTo(string suffix)
        {
            suffix.CopyTo(0, _b, _j + 1, suffix.Length);
            _k = _j + suffix.Length;
        }

        private void ReplaceIfMeasured(string suffix)
        {
            if (Measure() > 0)
            {
                SetTo(suffix);
            }
        }
    }
}
