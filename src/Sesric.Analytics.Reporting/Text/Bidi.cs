namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) for one line without explicit embedding controls: resolves
/// the embedding level of every character (rules W1–W7, N1–N2, I1–I2, L1) and orders runs visually (L2).
/// </summary>
/// <remarks>
/// Enough for chart labels in Arabic with embedded Latin words and European or Arabic-Indic numbers:
/// "برنامج Diplomacy-CaB 2020" keeps "Diplomacy-CaB 2020" left to right inside a right-to-left line, and
/// "2024" is never drawn "4202". Explicit embeddings/isolates (LRE, RLI, …) are not used by this library's
/// texts and are treated as neutrals; bracket pairs (N0) are resolved by N1/N2 only.
/// </remarks>
internal static class Bidi
{
    /// <summary>The bidi class of a UTF-16 code unit.</summary>
    public static BidiClass Classify(char c) => c switch
    {
        >= '0' and <= '9' => BidiClass.EN,
        >= '\u06F0' and <= '\u06F9' => BidiClass.EN,
        >= '\u0660' and <= '\u0669' or '\u066B' or '\u066C' => BidiClass.AN,
        '+' or '-' or '\u2212' => BidiClass.ES,
        '#' or '$' or '%' or '°' or '\u066A' or '\u2030' or (>= '\u00A2' and <= '\u00A5') or '\u20AC' => BidiClass.ET,
        ',' or '.' or ':' or '/' or '\u00A0' or '\u202F' or '\u060C' => BidiClass.CS,
        ' ' or '\t' or '\u2009' or '\u2002' or '\u2003' => BidiClass.WS,
        >= '\u064B' and <= '\u065F' or '\u0670' or (>= '\u06D6' and <= '\u06DC') or (>= '\u06DF' and <= '\u06E4') or '\u06E7' or '\u06E8' or (>= '\u06EA' and <= '\u06ED') => BidiClass.NSM,
        >= '\u0300' and <= '\u036F' => BidiClass.NSM,
        >= '\u0590' and <= '\u05FF' or (>= '\uFB1D' and <= '\uFB4F') => BidiClass.R,
        >= '\u0600' and <= '\u08FF' or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') => BidiClass.AL,
        '\u200F' => BidiClass.R,
        '\u200E' => BidiClass.L,
        _ => char.IsLetter(c) || char.IsDigit(c) || char.IsSurrogate(c) ? BidiClass.L : BidiClass.ON,
    };

    /// <summary>Whether <paramref name="text"/> has a right-to-left letter.</summary>
    public static bool HasRtl(string text) => text.Any(c => Classify(c) is BidiClass.R or BidiClass.AL);

    /// <summary>The resolved embedding level of each character of one line at paragraph level 0 (LTR) or 1 (RTL).</summary>
    public static byte[] ResolveLevels(string text, bool rtl)
    {
        var n = text.Length;
        var types = new BidiClass[n];
        for (var i = 0; i < n; i++)
        {
            types[i] = Classify(text[i]);
        }
        var e = rtl ? BidiClass.R : BidiClass.L;

        // W1: a non-spacing mark takes the type of the character before it.
        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiClass.NSM)
            {
                types[i] = i == 0 ? e : types[i - 1];
            }
        }

        // W2: European digits after an Arabic letter (the last strong type) are Arabic numbers. W3: AL is R.
        var lastStrong = e;
        for (var i = 0; i < n; i++)
        {
            switch (types[i])
            {
                case BidiClass.L or BidiClass.R or BidiClass.AL:
                    lastStrong = types[i];
                    break;
                case BidiClass.EN when lastStrong == BidiClass.AL:
                    types[i] = BidiClass.AN;
                    break;
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiClass.AL)
            {
                types[i] = BidiClass.R;
            }
        }

        // W4: one separator between two numbers of the same kind joins them.
        for (var i = 1; i < n - 1; i++)
        {
            if (types[i] == BidiClass.ES && types[i - 1] == BidiClass.EN && types[i + 1] == BidiClass.EN)
            {
                types[i] = BidiClass.EN;
            }
            else if (types[i] == BidiClass.CS && types[i - 1] == types[i + 1] && types[i - 1] is BidiClass.EN or BidiClass.AN)
            {
                types[i] = types[i - 1];
            }
        }

        // W5: terminators next to European digits become digits (12%, $5).
        for (var i = 0; i < n; i++)
        {
            if (types[i] != BidiClass.ET)
            {
                continue;
            }
            var end = i;
            while (end < n && types[end] == BidiClass.ET)
            {
                end++;
            }
            var touchesEn = (i > 0 && types[i - 1] == BidiClass.EN) || (end < n && types[end] == BidiClass.EN);
            if (touchesEn)
            {
                for (var k = i; k < end; k++)
                {
                    types[k] = BidiClass.EN;
                }
            }
            i = end - 1;
        }

        // W6: remaining separators and terminators are neutral.
        for (var i = 0; i < n; i++)
        {
            if (types[i] is BidiClass.ES or BidiClass.ET or BidiClass.CS)
            {
                types[i] = BidiClass.ON;
            }
        }

        // W7: European digits after a Latin letter (or at the start of an LTR line) are left to right.
        lastStrong = e;
        for (var i = 0; i < n; i++)
        {
            if (types[i] is BidiClass.L or BidiClass.R)
            {
                lastStrong = types[i];
            }
            else if (types[i] == BidiClass.EN && lastStrong == BidiClass.L)
            {
                types[i] = BidiClass.L;
            }
        }

        // N1/N2: a run of neutrals between two strong types of one direction takes it (numbers count as R);
        // otherwise it takes the paragraph's direction.
        for (var i = 0; i < n; i++)
        {
            if (types[i] is not (BidiClass.WS or BidiClass.ON))
            {
                continue;
            }
            var end = i;
            while (end < n && types[end] is BidiClass.WS or BidiClass.ON)
            {
                end++;
            }
            var before = i == 0 ? e : Direction(types[i - 1]);
            var after = end == n ? e : Direction(types[end]);
            var resolved = before == after ? before : e;
            for (var k = i; k < end; k++)
            {
                types[k] = resolved;
            }
            i = end - 1;
        }

        // I1/I2: levels.
        var baseLevel = (byte)(rtl ? 1 : 0);
        var levels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (baseLevel, types[i]) switch
            {
                (0, BidiClass.R) => 1,
                (0, BidiClass.AN or BidiClass.EN) => 2,
                (1, BidiClass.L or BidiClass.EN or BidiClass.AN) => 2,
                _ => baseLevel,
            };
        }

        // L1: trailing whitespace goes back to the paragraph level.
        for (var i = n - 1; i >= 0 && Classify(text[i]) == BidiClass.WS; i--)
        {
            levels[i] = baseLevel;
        }
        return levels;
    }

    /// <summary>
    /// Splits <paramref name="levels"/> into runs of one level (further split where <paramref name="breakAt"/>
    /// says so, e.g. where the font changes) and returns them in visual order, left to right (rule L2).
    /// </summary>
    public static IReadOnlyList<(int Start, int Length, byte Level)> VisualRuns(byte[] levels, Func<int, bool>? breakAt = null)
    {
        var runs = new List<(int Start, int Length, byte Level)>();
        var start = 0;
        for (var i = 1; i <= levels.Length; i++)
        {
            if (i == levels.Length || levels[i] != levels[start] || (breakAt?.Invoke(i) ?? false))
            {
                runs.Add((start, i - start, levels[start]));
                start = i;
            }
        }
        if (runs.Count == 0)
        {
            return runs;
        }

        // L2: from the highest level down to the lowest odd level, reverse every maximal sequence of runs at that level or higher.
        var highest = runs.Max(r => r.Level);
        var lowestOdd = runs.Where(r => r.Level % 2 == 1).Select(r => (int)r.Level).DefaultIfEmpty(highest + 1).Min();
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                if (runs[i].Level < level)
                {
                    continue;
                }
                var end = i;
                while (end < runs.Count && runs[end].Level >= level)
                {
                    end++;
                }
                runs.Reverse(i, end - i);
                i = end;
            }
        }
        return runs;
    }

    private static BidiClass Direction(BidiClass type) => type is BidiClass.L ? BidiClass.L : BidiClass.R;
}
