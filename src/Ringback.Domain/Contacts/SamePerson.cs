using System.Globalization;
using System.Text;

namespace Ringback.Contacts;

/// <summary>How two records that share a duplicate key relate.</summary>
public enum Sameness
{
    /// <summary>One person: the same email, the same name at the same company, or the same number under plainly the same name.</summary>
    SamePerson,

    /// <summary>Two people on one line: a switchboard, a shared desk, a mobile that changed hands. Never merged on its own.</summary>
    SharesNumber,
}

/// <summary>An existing record a new one shares a key with: its id, the key, and the name it goes by.</summary>
public sealed record KeyMatch(Guid ContactId, string Key, string? FirstName, string? LastName);

/// <summary>What a new record is to the book: the one person it is (if any), and the others it only shares a number with.</summary>
public sealed record MatchVerdict(KeyMatch? Same, IReadOnlyList<KeyMatch> SharesNumberWith)
{
    public static readonly MatchVerdict None = new(null, []);
}

/// <summary>
/// When a shared key means the same person. Many prospects at one company share a switchboard and a mobile can
/// change hands, so a number alone is not a person: it takes the same email, the same name and company, or the same
/// number under a name that is plainly the same (case, accents, an initial for a first name).
/// </summary>
public static class SamePerson
{
    /// <summary>The strongest reason two records are one person, or <see cref="Sameness.SharesNumber"/> for a number alone.</summary>
    public static Sameness Judge(string key, string? firstName, string? lastName, string? otherFirstName, string? otherLastName)
    {
        ArgumentNullException.ThrowIfNull(key);
        return !key.StartsWith(DuplicateKeys.PhonePrefix, StringComparison.Ordinal) || Names(firstName, lastName, otherFirstName, otherLastName)
            ? Sameness.SamePerson
            : Sameness.SharesNumber;
    }

    /// <summary>
    /// The record's verdict against every existing record sharing one of its keys: the same person by the strongest
    /// key (email, then name and company, then number and name; the oldest record among equals), and everyone else
    /// who shares only a number, each once.
    /// </summary>
    public static MatchVerdict Decide(string? firstName, string? lastName, IEnumerable<KeyMatch> candidates)
    {
        var (same, shares) = Partition(firstName, lastName, candidates);
        return same.Count == 0 && shares.Count == 0 ? MatchVerdict.None : new MatchVerdict(same.Count > 0 ? same[0] : null, shares);
    }

    /// <summary>
    /// Every record that is the same person (each once, by its strongest key: email, then name and company, then
    /// number and name; older records first among equals), and every other that only shares a number.
    /// </summary>
    public static (IReadOnlyList<KeyMatch> Same, IReadOnlyList<KeyMatch> SharesNumber) Partition(string? firstName, string? lastName, IEnumerable<KeyMatch> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var same = new Dictionary<Guid, KeyMatch>();
        var shares = new Dictionary<Guid, KeyMatch>();
        foreach (var c in candidates)
        {
            if (Judge(c.Key, firstName, lastName, c.FirstName, c.LastName) == Sameness.SamePerson)
            {
                if (!same.TryGetValue(c.ContactId, out var already) || Strength(c.Key) < Strength(already.Key))
                {
                    same[c.ContactId] = c;
                }
            }
            else
            {
                shares.TryAdd(c.ContactId, c);
            }
        }

        foreach (var id in same.Keys)
        {
            shares.Remove(id);
        }

        return ([.. same.Values.OrderBy(m => Strength(m.Key)).ThenBy(m => m.ContactId)], [.. shares.Values.OrderBy(m => m.ContactId)]);
    }

    private static int Strength(string key) =>
        key.StartsWith(DuplicateKeys.EmailPrefix, StringComparison.Ordinal) ? 0
        : key.StartsWith(DuplicateKeys.NamePrefix, StringComparison.Ordinal) ? 1
        : 2;

    /// <summary>
    /// Plainly the same name: the same last name whatever its case and accents ("Schäfer", "SCHAEFER", "Schafer"),
    /// and first names that agree, where an initial ("M." for "Marcus") or a missing first name agrees with any. Two
    /// records with no name at all (a company's line) are the same; a name never matches the lack of one.
    /// </summary>
    public static bool Names(string? firstName, string? lastName, string? otherFirstName, string? otherLastName)
    {
        var last = Variants(lastName);
        var otherLast = Variants(otherLastName);
        var first = Variants(firstName);
        var otherFirst = Variants(otherFirstName);
        if (last.Count == 0 && otherLast.Count == 0)
        {
            // Known by first name only ("Dana"), or not at all: the first names decide, and two blanks are one line's owner.
            return first.Count == otherFirst.Count && (first.Count == 0 || first.Overlaps(otherFirst));
        }

        if (!last.Overlaps(otherLast))
        {
            return false;
        }

        if (first.Count == 0 || otherFirst.Count == 0 || first.Overlaps(otherFirst))
        {
            return true;
        }

        // An initial agrees with a first name that begins with it: "M." and "Marcus", "M" and "María".
        var a = Fold(firstName);
        var b = Fold(otherFirstName);
        return (a.Length == 1 && b.StartsWith(a, StringComparison.Ordinal)) || (b.Length == 1 && a.StartsWith(b, StringComparison.Ordinal));
    }

    /// <summary>
    /// A name as compared: upper case, accents dropped, letters like ß, Ø and Ł spelled out, every run of other
    /// characters (dots, hyphens, apostrophes, spaces) one space: "Zoë O'Brien-Smith" is "ZOE O BRIEN SMITH".
    /// </summary>
    public static string Fold(string? name) => FoldAs(name, germanVowels: false);

    /// <summary>
    /// The spellings a name is written in: <see cref="Fold"/>'s, German's (ä, ö, ü written ae, oe, ue) and the same read
    /// back (ae, oe, ue as a, o, u), so that "Schäfer", "Schafer" and "Schaefer" all meet. Empty for a blank name.
    /// </summary>
    public static HashSet<string> Variants(string? name)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var plain = FoldAs(name, germanVowels: false);
        if (plain.Length == 0)
        {
            return set;
        }

        set.Add(plain);
        set.Add(FoldAs(name, germanVowels: true));

        // And back: "Brueggmann" is also written "Brüggmann", which without its accents is "Bruggmann".
        set.Add(plain.Replace("AE", "A", StringComparison.Ordinal).Replace("OE", "O", StringComparison.Ordinal).Replace("UE", "U", StringComparison.Ordinal));
        return set;
    }

    private static string FoldAs(string? name, bool germanVowels)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var text = new StringBuilder(name.Length + 4);
        var space = false;
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            var upper = char.ToUpperInvariant(ch);
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // "A" + combining diaeresis: German spells it AE.
                if (germanVowels && ch == '\u0308' && text.Length > 0 && text[^1] is 'A' or 'O' or 'U')
                {
                    text.Append('E');
                }

                continue;
            }

            var spelled = upper switch
            {
                'ß' or 'ẞ' => "SS",
                'Æ' => "AE",
                'Œ' => "OE",
                'Ø' => "O",
                'Ł' => "L",
                'Đ' => "D",
                'Þ' => "TH",
                'İ' or 'I' => "I",
                'ı' => "I",
                _ => char.IsLetterOrDigit(upper) ? upper.ToString() : null,
            };
            if (spelled is null)
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(spelled);
        }

        return text.ToString();
    }
}
