namespace Ringback.Data.Contacts;

/// <summary>
/// The SQL that gives contacts saved before names were kept folded in their search text (<see cref="Ringback.Contacts.Contact.SearchTextOf"/>)
/// the folded spellings of their names and company, so "Schaefer" finds a "Schäfer" imported last year. Run once by
/// the migration <c>FoldedSearchText</c>; SQL has no accent folding of its own in either database (PostgreSQL's
/// unaccent is an extension an operator may not have), so the letters of the European alphabets are replaced one by
/// one, each in the plain and the German way. A contact saved again gets the exact C# form.
/// </summary>
public static class SearchFolding
{
    /// <summary>Each accented letter and its plain spelling; the umlauts also have a German one (ä → ae).</summary>
    private static readonly (string Letters, string Plain, string? German)[] Letters =
    [
        ("àáâãåāăą", "a", null), ("ä", "a", "ae"), ("ÀÁÂÃÅĀĂĄ", "a", null), ("Ä", "a", "ae"), ("æÆ", "ae", null),
        ("çćĉċčÇĆĈĊČ", "c", null), ("ďđĎĐ", "d", null), ("èéêëēĕėęěÈÉÊËĒĔĖĘĚ", "e", null),
        ("ĝğġģĜĞĠĢ", "g", null), ("ĥħĤĦ", "h", null), ("ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", "i", null), ("ĵĴ", "j", null), ("ķĶ", "k", null),
        ("ĺļľŀłĹĻĽĿŁ", "l", null), ("ñńņňÑŃŅŇ", "n", null), ("òóôõōŏőøÒÓÔÕŌŎŐØ", "o", null), ("ö", "o", "oe"), ("Ö", "o", "oe"),
        ("œŒ", "oe", null), ("ŕŗřŔŖŘ", "r", null), ("śŝşšșŚŜŞŠȘ", "s", null), ("ß", "ss", null), ("ţťŧțŢŤŦȚ", "t", null),
        ("þÞ", "th", null), ("ùúûũūŭůűųÙÚÛŨŪŬŮŰŲ", "u", null), ("ü", "u", "ue"), ("Ü", "u", "ue"), ("ŵŴ", "w", null),
        ("ýÿŷÝŸŶ", "y", null), ("źżžŹŻŽ", "z", null),
    ];

    /// <summary>The UPDATE for one provider: contacts whose name or company has a letter outside ASCII get both folded spellings appended.</summary>
    public static string Update(bool postgres)
    {
        var company = "(SELECT co.name FROM companies co WHERE co.id = contacts.company_id)";
        string Both(string column) => $"{Fold(column, german: false)} || ' ' || {Fold(column, german: true)}";
        var appended = string.Join(" || ' ' || ", new[] { "first_name", "last_name", company }.Select(c => $"coalesce({Both(c)}, '')"));
        var names = $"coalesce(first_name, '') || last_name || coalesce({company}, '')";
        var nonAscii = postgres ? $"({names}) ~ '[^ -~]'" : $"({names}) GLOB '*[^ -~]*'";
        return $"UPDATE contacts SET search_text = search_text || ' ' || {appended} WHERE {nonAscii};";
    }

    private static string Fold(string column, bool german)
    {
        var sql = $"lower({column})";
        foreach (var (letters, plain, germanForm) in Letters)
        {
            foreach (var letter in letters)
            {
                sql = $"replace({sql}, '{letter}', '{(german && germanForm is not null ? germanForm : plain)}')";
            }
        }

        return sql;
    }
}
