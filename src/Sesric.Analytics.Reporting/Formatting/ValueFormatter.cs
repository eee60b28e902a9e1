using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>
/// Formats values for people in English, Arabic or French, by <see cref="ValueFormat"/>. Separators are fixed
/// here rather than taken from the machine's ICU data, so output is identical on every machine.
/// </summary>
/// <remarks>English: <c>1,234</c>, <c>48.1%</c>. French: <c>1 234</c> (narrow no-break space), <c>48,1 %</c>.
/// Arabic: Western digits as SESRIC's Arabic publications print them, Arabic separators (<c>١٬٢٣٤</c> is not
/// used), the Arabic percent sign <c>٪</c>. Years are digits only in every language: never <c>2,020</c>.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class ValueFormatter
{
    private readonly NumberFormatInfo _numbers;
    private readonly string _percentPattern;

    /// <summary>A formatter for <paramref name="language"/> with the decimals of <paramref name="formats"/>.</summary>
    public ValueFormatter(Language language, ThemeFormats? formats = null)
    {
        Language = language;
        Formats = formats ?? new ThemeFormats(1, 1);
        _numbers = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        switch (language)
        {
            case Language.French:
                _numbers.NumberGroupSeparator = "\u202F";
                _numbers.NumberDecimalSeparator = ",";
                _numbers.NegativeSign = "\u2212";
                _percentPattern = "{0}\u202F%";
                break;
            case Language.Arabic:
                _numbers.NumberGroupSeparator = ",";
                _numbers.NumberDecimalSeparator = ".";
                _numbers.NegativeSign = "\u2212";
                _percentPattern = "{0}\u066A";
                break;
            default:
                _numbers.NegativeSign = "\u2212";
                _percentPattern = "{0}%";
                break;
        }
    }

    /// <summary>The language.</summary>
    public Language Language { get; }

    /// <summary>The decimals used.</summary>
    public ThemeFormats Formats { get; }

    /// <summary>Formats one cell; suppressed and unknown cells become the language's word for them.</summary>
    public string Format(ResultCell cell, ValueFormat format) => cell.Status switch
    {
        CellStatus.Suppressed => Phrases.Suppressed.In(Language),
        CellStatus.Unknown => Phrases.Unknown.In(Language),
        _ => Format(cell.Value, format),
    };

    /// <summary>Formats a value (string, long, int, double, decimal, DateOnly).</summary>
    public string Format(object? value, ValueFormat format)
    {
        switch (value)
        {
            case null:
                return Phrases.Unknown.In(Language);
            case string s:
                return s;
            case DateOnly d:
                return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return Format(number, format);
    }

    /// <summary>Formats a number.</summary>
    public string Format(double number, ValueFormat format) => format switch
    {
        ValueFormat.Year => Math.Round(number).ToString("0", CultureInfo.InvariantCulture),
        ValueFormat.Integer => Math.Round(number).ToString("#,0", _numbers),
        ValueFormat.Decimal => number.ToString("#,0." + new string('0', Formats.DecimalPlaces), _numbers).TrimEnd('.'),
        ValueFormat.Percent => string.Format(CultureInfo.InvariantCulture, _percentPattern, Fixed(number * 100, Formats.PercentDecimalPlaces)),
        ValueFormat.SignedInteger => Sign(number) + Math.Abs(Math.Round(number)).ToString("#,0", _numbers),
        ValueFormat.SignedPercent => Sign(number) + string.Format(CultureInfo.InvariantCulture, _percentPattern, Fixed(Math.Abs(number * 100), Formats.PercentDecimalPlaces)),
        _ => number.ToString("0.##", _numbers),
    };

    /// <summary>
    /// A change of a percentage, in percentage points ("−5.4 pp", "+0.0 pp"): a fall from 57.0 % to 51.6 % is 5.4 points,
    /// not 5.4 %, which would read as a relative change.
    /// </summary>
    public string PercentagePoints(double change) =>
        Sign(Math.Round(change * 100, Formats.PercentDecimalPlaces)) + Fixed(Math.Abs(change * 100), Formats.PercentDecimalPlaces) + "\u00A0" + Phrases.PercentagePoints.In(Language);

    /// <summary>Whether <paramref name="change"/> prints as no change in <paramref name="format"/> (so it is styled as neutral).</summary>
    public bool IsNoChange(double change, ValueFormat format) => format == ValueFormat.Percent
        ? Math.Round(change * 100, Formats.PercentDecimalPlaces) == 0
        : Math.Round(change, format == ValueFormat.Decimal ? Formats.DecimalPlaces : 0) == 0;

    /// <summary>A tick label: like <see cref="Format(double, ValueFormat)"/> but without needless decimals.</summary>
    public string Tick(double number, ValueFormat format) => format switch
    {
        ValueFormat.Percent => string.Format(CultureInfo.InvariantCulture, _percentPattern, (number * 100).ToString("#,0.##", _numbers)),
        ValueFormat.Year => Format(number, ValueFormat.Year),
        _ => number.ToString("#,0.##", _numbers),
    };

    private string Fixed(double number, int decimals) => number.ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), _numbers);

    private string Sign(double number) => Math.Round(number, 6) switch
    {
        > 0 => "+",
        < 0 => _numbers.NegativeSign,
        _ => "±",
    };
}
