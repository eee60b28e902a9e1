namespace Sesric.Analytics.Reporting.Text;

/// <summary>Names the Unicode script of a character, for error messages.</summary>
internal static class Scripts
{
    public static string Of(int codepoint) => codepoint switch
    {
        < 0x0250 => "Latin",
        >= 0x0370 and < 0x0400 => "Greek",
        >= 0x0400 and < 0x0530 => "Cyrillic",
        >= 0x0530 and < 0x0590 => "Armenian",
        >= 0x0590 and < 0x0600 => "Hebrew",
        >= 0x0600 and < 0x0700 or (>= 0x0750 and < 0x0780) or (>= 0x08A0 and < 0x0900) or (>= 0xFB50 and < 0xFE00) or (>= 0xFE70 and < 0xFF00) => "Arabic",
        >= 0x0780 and < 0x07C0 => "Thaana",
        >= 0x0900 and < 0x0980 => "Devanagari",
        >= 0x0980 and < 0x0A00 => "Bengali",
        >= 0x0E00 and < 0x0E80 => "Thai",
        >= 0x1100 and < 0x1200 or (>= 0xAC00 and < 0xD7B0) => "Hangul",
        >= 0x3040 and < 0x3100 => "Japanese kana",
        >= 0x4E00 and < 0xA000 => "Han (CJK)",
        >= 0x1F300 and < 0x1FB00 => "Emoji",
        _ => $"U+{codepoint:X4}",
    };
}
