using System.Text;

namespace Ringback.Data.Import;

/// <summary>Works out how a CSV file is written: its text encoding and its delimiter.</summary>
internal static class CsvSniffer
{
    static CsvSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// A BOM decides. Without one, the whole file is checked as UTF-8 (streamed, a few hundred MB a second);
    /// any byte sequence that is not UTF-8 means the file came from Excel on Windows, which writes Windows-1252.
    /// </summary>
    public static async Task<Encoding> DetectEncodingAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        var buffer = new byte[1 << 16];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        if (read >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)))
        {
            return buffer[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
        }

        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[buffer.Length + 4];
        try
        {
            while (read > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                read = await stream.ReadAsync(buffer, cancellationToken);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252;
        }

        return new UTF8Encoding(false);
    }

    /// <summary>Comma, semicolon (Excel in much of Europe) or tab: whichever the header line has most of, outside quotes.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: commas++; break;
                case ';' when !quoted: semicolons++; break;
                case '\t' when !quoted: tabs++; break;
            }
        }

        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
