namespace Hakiri.Search.Text;

public static partial class PorterStemmer
{
    private sealed partial class Stemming
    {
        private static readonly (string Suffix, string Replacement)[] Step2Rules =
        [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"),
        ];

        private static readonly (string Suffix, string Replacement)[] Step3Rules =
        [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ];

        private static readonly string[] Step4Suffixes =
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
            "ous", "ive", "ize",
        ];

        // Plurals and -ed or -ing.
        public void Step1ab()
        {
            if (_b[_k] == 's')
            {
                if (Ends("sses"))
                {
                    _k -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[_k - 1] != 's')
                {
                    _k--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    _k--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                _k = _j;
                AfterEdOrIng();
            }
        }

        // Terminal y to i when there is another vowel in the stem.
        public void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[_k] = 'i';
            }
        }

        public void Step2() => ApplyLongest(Step2Rules);

        public void Step3() => ApplyLongest(Step3Rules);

        // Strips a suffix when m > 1 (ION only after s or t); the longest matching suffix decides.
        public void Step4()
        {
            var best = -1;
            foreach (var suffix in Step4Suffixes)
            {
                if (suffix.Length > best && EndsWithoutMark(suffix))
                {
                    best = suffix.Length;
                }
            }

            if (best < 0)
            {
                return;
            }

            _j = _k - best;
            var isIon = best == 3 && EndsWithoutMark("ion");
            if (isIon && (_j < 0 || _b[_j] is not ('s' or 't')))
            {
                return;
            }

            if (Measure() > 1)
            {
                _k = _j;
            }
        }

        // Step 5a (final e) and 5b (ll to l).
        public void Step5()
        {
            _j = _k;
            if (_b[_k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(_k - 1)))
                {
                    _k--;
                }
            }

            if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
            {
                _k--;
            }
        }

        private void AfterEdOrIng()
        {
            if (Ends("at"))
            {
                SetTo("ate");
            }
            else if (Ends("bl"))
            {
                SetTo("ble");
            }
            else if (Ends("iz"))
            {
                SetTo("ize");
            }
            else if (DoubleConsonant(_k))
            {
                if (_b[_k] is not ('l' or 's' or 'z'))
                {
                    _k--;
                }
            }
            else
            {
                _j = _k;
                if (Measure() == 1 && Cvc(_k))
                {
                    SetTo("e");
                }
            }
        }

        private void ApplyLongest((string Suffix, string Replacement)[] rules)
        {
            var best = -1;
            for (var i = 0; i < rules.Length; i++)
            {
                if ((best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length) && EndsWithoutMark(rules[i].Suffix))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                Ends(rules[best].Suffix);
                ReplaceIfMeasured(rules[best].Replacement);
            }
        }

        private bool EndsWithoutMark(string suffix)
        {
            var saved = _j;
            var ends = Ends(suffix);
            _j = saved;
            return ends;
        }
    }
}
