namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9, Unicode 15) for one paragraph of bidi classes: the paragraph
/// level (P2–P3), explicit embeddings, overrides and isolates (X1–X10), weak types (W1–W7), bracket pairs
/// (N0), neutrals (N1–N2), implicit levels (I1–I2) and the line-end reset (L1, the whole paragraph being one line).
/// </summary>
/// <remarks>
/// Follows the structure of Unicode's reference implementation (BidiReference.java) so each step can be checked
/// against the rule it implements; conformance is measured against BidiTest.txt and BidiCharacterTest.txt.
/// Characters removed by rule X9 (embedding controls and boundary neutrals) take the level of the character
/// before them, so a renderer never splits a run at them; <see cref="IsRemovedByX9"/> tells which they are.
/// </remarks>
internal sealed class BidiParagraph
{
    /// <summary>The deepest embedding level (BD2).</summary>
    public const int MaxDepth = 125;

    /// <summary>The deepest bracket nesting rule BD16 tracks.</summary>
    private const int MaxBracketPairs = 63;

    private readonly BidiClass[] _initial;
    private readonly BidiClass[] _types;
    private readonly BidiBracketType[] _brackets;
    private readonly int[] _bracketKeys;
    private readonly byte[] _levels;
    private readonly int[] _matchingPdi;
    private readonly int[] _matchingInitiator;
    private readonly int _length;

    private BidiParagraph(ReadOnlySpan<BidiClass> classes, ReadOnlySpan<BidiBracketType> brackets, ReadOnlySpan<int> bracketKeys)
    {
        _length = classes.Length;
        _initial = classes.ToArray();
        _types = classes.ToArray();
        _brackets = brackets.ToArray();
        _bracketKeys = bracketKeys.ToArray();
        _levels = new byte[_length];
        _matchingPdi = new int[_length];
        _matchingInitiator = new int[_length];
    }

    /// <summary>The paragraph embedding level: 0 left to right, 1 right to left.</summary>
    public byte ParagraphLevel { get; private set; }

    /// <summary>The resolved level of each character, after rule L1.</summary>
    public ReadOnlySpan<byte> Levels => _levels;

    /// <summary>
    /// Resolves one paragraph. <paramref name="paragraphLevel"/> is 0 or 1 to impose a direction, or null to take
    /// it from the first strong character (P2–P3; left to right when there is none).
    /// </summary>
    public static BidiParagraph Resolve(ReadOnlySpan<BidiClass> classes, ReadOnlySpan<BidiBracketType> brackets, ReadOnlySpan<int> bracketKeys, byte? paragraphLevel)
    {
        var paragraph = new BidiParagraph(classes, brackets, bracketKeys);
        paragraph.Run(paragraphLevel);
        return paragraph;
    }

    /// <summary>Whether rule X9 removes characters of this class (they have no level of their own).</summary>
    public static bool IsRemovedByX9(BidiClass type) => type is BidiClass.LRE or BidiClass.RLE or BidiClass.LRO or BidiClass.RLO or BidiClass.PDF or BidiClass.BN;

    private static bool IsIsolateInitiator(BidiClass type) => type is BidiClass.LRI or BidiClass.RLI or BidiClass.FSI;

    private void Run(byte? paragraphLevel)
    {
        MatchIsolates();
        ParagraphLevel = paragraphLevel ?? (byte)Math.Max(0, FirstStrongLevel(0, _length));
        ResolveExplicitLevels();
        for (var i = 0; i < _length; i++)
        {
            if (IsRemovedByX9(_initial[i]))
            {
                _types[i] = BidiClass.BN;
            }
        }
        // Every sequence takes its sos and eos from the explicit levels (X10), so all are set up before any is resolved.
        var runs = IsolatingRunSequences();
        var sequences = new IsolatingRunSequence[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            sequences[i] = new IsolatingRunSequence(this, runs[i]);
        }
        foreach (var sequence in sequences)
        {
            sequence.Resolve();
        }
        AssignLevelsToRemovedCharacters();
        ResetLineEnd();
    }

    /// <summary>BD9: each isolate initiator's matching PDI (<see cref="_length"/> when it has none), and back.</summary>
    private void MatchIsolates()
    {
        Array.Fill(_matchingInitiator, -1);
        for (var i = 0; i < _length; i++)
        {
            _matchingPdi[i] = -1;
            if (!IsIsolateInitiator(_initial[i]))
            {
                continue;
            }
            _matchingPdi[i] = _length;
            var depth = 1;
            for (var j = i + 1; j < _length; j++)
            {
                if (IsIsolateInitiator(_initial[j]))
                {
                    depth++;
                }
                else if (_initial[j] == BidiClass.PDI && --depth == 0)
                {
                    _matchingPdi[i] = j;
                    _matchingInitiator[j] = i;
                    break;
                }
                else if (_initial[j] == BidiClass.B)
                {
                    break;
                }
            }
        }
    }

    /// <summary>P2–P3 on [start, end): 0 or 1 from the first strong character outside isolates, −1 when there is none.</summary>
    private int FirstStrongLevel(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            switch (_initial[i])
            {
                case BidiClass.L:
                    return 0;
                case BidiClass.R or BidiClass.AL:
                    return 1;
                case BidiClass.LRI or BidiClass.RLI or BidiClass.FSI:
                    i = _matchingPdi[i];
                    break;
                case BidiClass.B:
                    return -1;
            }
        }
        return -1;
    }

    /// <summary>X1–X8: explicit levels and directions from embeddings, overrides and isolates.</summary>
    private void ResolveExplicitLevels()
    {
        // The directional status stack (BD2 bounds it), on the stack: this runs once per label drawn.
        Span<byte> stackLevels = stackalloc byte[MaxDepth + 2];
        Span<BidiClass> stackOverrides = stackalloc BidiClass[MaxDepth + 2];
        Span<bool> stackIsolates = stackalloc bool[MaxDepth + 2];
        stackLevels[0] = ParagraphLevel;
        stackOverrides[0] = BidiClass.ON;
        stackIsolates[0] = false;
        var depth = 1;
        var overflowIsolates = 0;
        var overflowEmbeddings = 0;
        var validIsolates = 0;

        for (var i = 0; i < _length; i++)
        {
            var type = _types[i];
            switch (type)
            {
                case BidiClass.RLE or BidiClass.LRE or BidiClass.RLO or BidiClass.LRO or BidiClass.RLI or BidiClass.LRI or BidiClass.FSI:
                    {
                        var isolate = IsIsolateInitiator(type);
                        var rtl = type is BidiClass.RLE or BidiClass.RLO or BidiClass.RLI;
                        if (type == BidiClass.FSI)
                        {
                            rtl = FirstStrongLevel(i + 1, _matchingPdi[i]) == 1;
                        }
                        var current = stackLevels[depth - 1];
                        _levels[i] = current;
                        if (isolate && stackOverrides[depth - 1] != BidiClass.ON)
                        {
                            _types[i] = stackOverrides[depth - 1];
                        }
                        var next = rtl ? (current + 1) | 1 : (current + 2) & ~1;
                        if (next <= MaxDepth && overflowIsolates == 0 && overflowEmbeddings == 0)
                        {
                            if (isolate)
                            {
                                validIsolates++;
                            }
                            stackLevels[depth] = (byte)next;
                            stackOverrides[depth] = type switch
                            {
                                BidiClass.LRO => BidiClass.L,
                                BidiClass.RLO => BidiClass.R,
                                _ => BidiClass.ON,
                            };
                            stackIsolates[depth] = isolate;
                            depth++;
                            if (!isolate)
                            {
                                // Removed by X9 anyway; its level only matters to a renderer that keeps it.
                                _levels[i] = (byte)next;
                            }
                        }
                        else if (isolate)
                        {
                            overflowIsolates++;
                        }
                        else if (overflowIsolates == 0)
                        {
                            overflowEmbeddings++;
                        }
                        break;
                    }
                case BidiClass.PDI:
                    if (overflowIsolates > 0)
                    {
                        overflowIsolates--;
                    }
                    else if (validIsolates > 0)
                    {
                        overflowEmbeddings = 0;
                        while (!stackIsolates[depth - 1])
                        {
                            depth--;
                        }
                        depth--;
                        validIsolates--;
                    }
                    _levels[i] = stackLevels[depth - 1];
                    if (stackOverrides[depth - 1] != BidiClass.ON)
                    {
                        _types[i] = stackOverrides[depth - 1];
                    }
                    break;
                case BidiClass.PDF:
                    _levels[i] = stackLevels[depth - 1];
                    if (overflowIsolates > 0)
                    {
                        break;
                    }
                    if (overflowEmbeddings > 0)
                    {
                        overflowEmbeddings--;
                    }
                    else if (!stackIsolates[depth - 1] && depth >= 2)
                    {
                        depth--;
                    }
                    break;
                case BidiClass.B:
                    // X8: a paragraph separator ends every embedding; it sits at the paragraph level.
                    _levels[i] = ParagraphLevel;
                    break;
                default:
                    _levels[i] = stackLevels[depth - 1];
                    if (stackOverrides[depth - 1] != BidiClass.ON)
                    {
                        _types[i] = stackOverrides[depth - 1];
                    }
                    break;
            }
        }
    }

    /// <summary>BD13 / X10: the isolating run sequences, each a list of character indices in logical order.</summary>
    private List<List<int>> IsolatingRunSequences()
    {
        // Level runs over the characters X9 keeps.
        var runs = new List<List<int>>();
        var runOf = new int[_length];
        List<int>? run = null;
        var runLevel = -1;
        for (var i = 0; i < _length; i++)
        {
            if (IsRemovedByX9(_initial[i]))
            {
                continue;
            }
            if (run is null || _levels[i] != runLevel)
            {
                run = [];
                runs.Add(run);
                runLevel = _levels[i];
            }
            run.Add(i);
            runOf[i] = runs.Count - 1;
        }

        var sequences = new List<List<int>>();
        foreach (var levelRun in runs)
        {
            var first = levelRun[0];
            if (_initial[first] == BidiClass.PDI && _matchingInitiator[first] >= 0)
            {
                continue; // Continues the sequence of its isolate initiator.
            }
            var sequence = new List<int>();
            var current = levelRun;
            while (true)
            {
                sequence.AddRange(current);
                var last = current[^1];
                if (IsIsolateInitiator(_initial[last]) && _matchingPdi[last] != _length)
                {
                    current = runs[runOf[_matchingPdi[last]]];
                    continue;
                }
                break;
            }
            sequences.Add(sequence);
        }
        return sequences;
    }

    private void AssignLevelsToRemovedCharacters()
    {
        for (var i = 0; i < _length; i++)
        {
            if (IsRemovedByX9(_initial[i]))
            {
                _levels[i] = i == 0 ? ParagraphLevel : _levels[i - 1];
            }
        }
    }

    /// <summary>L1: separators, and whitespace and isolate controls before them or at the line's end, go back to the paragraph level.</summary>
    private void ResetLineEnd()
    {
        for (var i = 0; i <= _length; i++)
        {
            if (i < _length && _initial[i] is not (BidiClass.B or BidiClass.S))
            {
                continue;
            }
            if (i < _length)
            {
                _levels[i] = ParagraphLevel;
            }
            for (var j = i - 1; j >= 0 && IsTrailingWhitespace(_initial[j]); j--)
            {
                _levels[j] = ParagraphLevel;
            }
        }
    }

    private static bool IsTrailingWhitespace(BidiClass type) =>
        type is BidiClass.WS or BidiClass.LRI or BidiClass.RLI or BidiClass.FSI or BidiClass.PDI || IsRemovedByX9(type);

    /// <summary>One isolating run sequence: rules W1–W7, N0–N2 and I1–I2 on a copy of its types.</summary>
    private sealed class IsolatingRunSequence
    {
        private readonly BidiParagraph _paragraph;
        private readonly int[] _indices;
        private readonly BidiClass[] _types;
        private readonly byte _level;
        private readonly BidiClass _sos;
        private readonly BidiClass _eos;

        public IsolatingRunSequence(BidiParagraph paragraph, List<int> indices)
        {
            _paragraph = paragraph;
            _indices = [.. indices];
            _types = new BidiClass[_indices.Length];
            for (var i = 0; i < _indices.Length; i++)
            {
                _types[i] = paragraph._types[_indices[i]];
            }
            _level = paragraph._levels[_indices[0]];

            var before = _indices[0] - 1;
            while (before >= 0 && IsRemovedByX9(paragraph._initial[before]))
            {
                before--;
            }
            var levelBefore = before >= 0 ? paragraph._levels[before] : paragraph.ParagraphLevel;
            _sos = DirectionOfLevel(Math.Max(levelBefore, _level));

            var last = _indices[^1];
            int levelAfter;
            if (IsIsolateInitiator(paragraph._initial[last]))
            {
                levelAfter = paragraph.ParagraphLevel;
            }
            else
            {
                var after = last + 1;
                while (after < paragraph._length && IsRemovedByX9(paragraph._initial[after]))
                {
                    after++;
                }
                levelAfter = after < paragraph._length ? paragraph._levels[after] : paragraph.ParagraphLevel;
            }
            _eos = DirectionOfLevel(Math.Max(levelAfter, _level));
        }

        private static BidiClass DirectionOfLevel(int level) => (level & 1) == 0 ? BidiClass.L : BidiClass.R;

        public void Resolve()
        {
            var beforeW1 = (BidiClass[])_types.Clone();
            ResolveWeakTypes();
            ResolvePairedBrackets(beforeW1);
            ResolveNeutralTypes();
            ResolveImplicitLevels();
        }

        private void ResolveWeakTypes()
        {
            var t = _types;
            var n = t.Length;

            // W1: a non-spacing mark takes the type of the character before it (ON after an isolate control).
            for (var i = 0; i < n; i++)
            {
                if (t[i] == BidiClass.NSM)
                {
                    t[i] = i == 0 ? _sos : t[i - 1] is BidiClass.LRI or BidiClass.RLI or BidiClass.FSI or BidiClass.PDI ? BidiClass.ON : t[i - 1];
                }
            }

            // W2: European digits whose last strong type is an Arabic letter are Arabic numbers.
            var lastStrong = _sos;
            for (var i = 0; i < n; i++)
            {
                if (t[i] is BidiClass.L or BidiClass.R or BidiClass.AL)
                {
                    lastStrong = t[i];
                }
                else if (t[i] == BidiClass.EN && lastStrong == BidiClass.AL)
                {
                    t[i] = BidiClass.AN;
                }
            }

            // W3: Arabic letters are right to left.
            for (var i = 0; i < n; i++)
            {
                if (t[i] == BidiClass.AL)
                {
                    t[i] = BidiClass.R;
                }
            }

            // W4: one separator between two numbers of the same kind joins them (1+2, 1,5; only CS joins Arabic numbers).
            for (var i = 1; i < n - 1; i++)
            {
                if (t[i] == BidiClass.ES && t[i - 1] == BidiClass.EN && t[i + 1] == BidiClass.EN)
                {
                    t[i] = BidiClass.EN;
                }
                else if (t[i] == BidiClass.CS && t[i - 1] is BidiClass.EN or BidiClass.AN && t[i + 1] == t[i - 1])
                {
                    t[i] = t[i - 1];
                }
            }

            // W5: a sequence of terminators next to European digits becomes digits (12%, $5).
            for (var i = 0; i < n; i++)
            {
                if (t[i] != BidiClass.ET)
                {
                    continue;
                }
                var end = i;
                while (end < n && t[end] == BidiClass.ET)
                {
                    end++;
                }
                if ((i > 0 && t[i - 1] == BidiClass.EN) || (end < n && t[end] == BidiClass.EN))
                {
                    Array.Fill(t, BidiClass.EN, i, end - i);
                }
                i = end - 1;
            }

            // W6: remaining separators and terminators are neutral.
            for (var i = 0; i < n; i++)
            {
                if (t[i] is BidiClass.ES or BidiClass.ET or BidiClass.CS)
                {
                    t[i] = BidiClass.ON;
                }
            }

            // W7: European digits whose last strong type is L are L.
            lastStrong = _sos;
            for (var i = 0; i < n; i++)
            {
                if (t[i] is BidiClass.L or BidiClass.R)
                {
                    lastStrong = t[i];
                }
                else if (t[i] == BidiClass.EN && lastStrong == BidiClass.L)
                {
                    t[i] = BidiClass.L;
                }
            }
        }

        /// <summary>N0: a bracket pair takes the direction of the strong text inside it, or of its context when the inside is opposite.</summary>
        private void ResolvePairedBrackets(BidiClass[] beforeW1)
        {
            var pairs = BracketPairs();
            if (pairs.Count == 0)
            {
                return;
            }
            var embedding = DirectionOfLevel(_level);
            var opposite = embedding == BidiClass.L ? BidiClass.R : BidiClass.L;
            foreach (var (open, close) in pairs)
            {
                var insideEmbedding = false;
                var insideOpposite = false;
                for (var i = open + 1; i < close && !insideEmbedding; i++)
                {
                    var strong = StrongDirection(_types[i]);
                    insideEmbedding = strong == embedding;
                    insideOpposite |= strong == opposite;
                }
                BidiClass direction;
                if (insideEmbedding)
                {
                    direction = embedding;
                }
                else if (insideOpposite)
                {
                    var context = _sos;
                    for (var i = open - 1; i >= 0; i--)
                    {
                        var strong = StrongDirection(_types[i]);
                        if (strong != BidiClass.ON)
                        {
                            context = strong;
                            break;
                        }
                    }
                    direction = context == opposite ? opposite : embedding;
                }
                else
                {
                    continue;
                }
                SetBracket(open, direction, beforeW1);
                SetBracket(close, direction, beforeW1);
            }
        }

        private void SetBracket(int position, BidiClass direction, BidiClass[] beforeW1)
        {
            _types[position] = direction;

            // Marks that followed the bracket (and so took its type in W1) follow it again.
            for (var i = position + 1; i < _types.Length && beforeW1[i] == BidiClass.NSM; i++)
            {
                _types[i] = direction;
            }
        }

        /// <summary>L for L, R for R, EN and AN (numbers count as right to left in N0 and N1), ON otherwise.</summary>
        private static BidiClass StrongDirection(BidiClass type) => type switch
        {
            BidiClass.L => BidiClass.L,
            BidiClass.R or BidiClass.EN or BidiClass.AN => BidiClass.R,
            _ => BidiClass.ON,
        };

        /// <summary>BD16: the bracket pairs of the sequence (positions in it), sorted by their opening bracket.</summary>
        private List<(int Open, int Close)> BracketPairs()
        {
            var pairs = new List<(int Open, int Close)>();
            if (!Array.Exists(_indices, i => _paragraph._brackets[i] != BidiBracketType.None))
            {
                return pairs;
            }
            var openers = new List<(int Key, int Position)>();
            for (var i = 0; i < _types.Length; i++)
            {
                var index = _indices[i];
                var bracket = _paragraph._brackets[index];
                if (bracket == BidiBracketType.None || _types[i] != BidiClass.ON)
                {
                    continue;
                }
                var key = _paragraph._bracketKeys[index];
                if (bracket == BidiBracketType.Open)
                {
                    if (openers.Count == MaxBracketPairs)
                    {
                        // BD16: no room on the stack ends bracket pairing for this sequence.
                        return [];
                    }
                    openers.Add((key, i));
                    continue;
                }
                for (var k = openers.Count - 1; k >= 0; k--)
                {
                    if (openers[k].Key == key)
                    {
                        pairs.Add((openers[k].Position, i));
                        openers.RemoveRange(k, openers.Count - k);
                        break;
                    }
                }
            }
            pairs.Sort((a, b) => a.Open.CompareTo(b.Open));
            return pairs;
        }

        /// <summary>N1–N2: a run of neutrals between two strong types of one direction takes it, otherwise the embedding direction.</summary>
        private void ResolveNeutralTypes()
        {
            var t = _types;
            var n = t.Length;
            var embedding = DirectionOfLevel(_level);
            for (var i = 0; i < n; i++)
            {
                if (!IsNeutral(t[i]))
                {
                    continue;
                }
                var end = i;
                while (end < n && IsNeutral(t[end]))
                {
                    end++;
                }
                var leading = i == 0 ? _sos : StrongDirection(t[i - 1]);
                var trailing = end == n ? _eos : StrongDirection(t[end]);
                Array.Fill(t, leading == trailing ? leading : embedding, i, end - i);
                i = end - 1;
            }
        }

        private static bool IsNeutral(BidiClass type) =>
            type is BidiClass.B or BidiClass.S or BidiClass.WS or BidiClass.ON or BidiClass.LRI or BidiClass.RLI or BidiClass.FSI or BidiClass.PDI;

        /// <summary>I1–I2: levels from the resolved types.</summary>
        private void ResolveImplicitLevels()
        {
            var levels = _paragraph._levels;
            for (var i = 0; i < _indices.Length; i++)
            {
                var level = levels[_indices[i]];
                var type = _types[i];
                levels[_indices[i]] = (byte)((level & 1) == 0
                    ? type switch
                    {
                        BidiClass.R => level + 1,
                        BidiClass.AN or BidiClass.EN => level + 2,
                        _ => level,
                    }
                    : type is BidiClass.L or BidiClass.EN or BidiClass.AN ? level + 1 : level);
            }
        }
    }
}
