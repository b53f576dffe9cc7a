namespace Ringback.Import;

/// <summary>Spreadsheet formula injection (CWE-1236): what we write is never run by Excel, and still reads back.</summary>
public static class CsvCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Prefixes a cell that a spreadsheet would take for a formula with an apostrophe.</summary>
    public static string? Escape(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>Undoes <see cref="Escape"/>, so that our own export imports unchanged.</summary>
    public static string? Unescape(string? value) =>
        value is { Length: > 1 } && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
}
