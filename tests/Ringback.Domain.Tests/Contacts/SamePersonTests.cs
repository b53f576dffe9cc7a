using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Ringback.Contacts;

namespace Ringback.Domain.Tests.Contacts;

/// <summary>
/// A shared line is not the same person: properties over names from Bogus's locales (accents, ß, Ł, Ø, apostrophes,
/// hyphens), written the ways people and exports write them, on numbers that several of them share.
/// </summary>
public class SamePersonTests
{
    private static readonly string[] Locales = ["de", "fr", "pl", "tr", "es", "sv", "nb_NO", "cz", "pt_BR", "vi", "it", "nl", "en", "ro", "sk", "hr", "lv"];

    private static readonly (string First, string Last)[] People = [.. Locales.SelectMany(locale =>
    {
        var faker = new Bogus.Faker(locale) { Random = new Bogus.Randomizer(31) };
        return Enumerable.Range(0, 60).Select(_ => (faker.Name.FirstName(), faker.Name.LastName()));
    }).Distinct()];

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static Arbitrary<(string First, string Last)> Person => Gen.Elements(People).ToArbitrary();

    /// <summary>The ways one name gets written: shouted, lower-cased, accents dropped, umlauts spelled out, an initial, no first name.</summary>
    private static Gen<(string? First, string Last)> Spellings((string First, string Last) p) => Gen.Elements<Func<(string? First, string Last)>>(
        () => (p.First, p.Last),
        () => (p.First.ToUpperInvariant(), p.Last.ToUpperInvariant()),
        () => (p.First.ToLowerInvariant(), p.Last.ToLowerInvariant()),
        () => (StripAccents(p.First), StripAccents(p.Last)),
        () => (p.First, p.Last.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal)),
        () => (p.First[..1] + ".", p.Last),
        () => (null, p.Last),
        () => ("  " + p.First + " ", " " + p.Last)).Select(f => f());

    private static string StripAccents(string text) =>
        new([.. text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);

    [Fact]
    public void A_name_written_any_plain_way_is_the_same_person_on_the_same_number()
    {
        var pairs = Person.Generator.SelectMany(p => Spellings(p).SelectMany(a => Spellings(p).Select(b => (a, b)))).ToArbitrary();
        Check.One(Runs, Prop.ForAll(pairs, pair =>
            SamePerson.Judge("phone:+14155550100", pair.a.First, pair.a.Last, pair.b.First, pair.b.Last) == Sameness.SamePerson));
    }

    [Fact]
    public void Two_people_with_different_last_names_only_share_the_number()
    {
        var pairs = Person.Generator.Two().Where(t => !SamePerson.Variants(t.Item1.Last).Overlaps(SamePerson.Variants(t.Item2.Last)))
            .SelectMany(t => Spellings(t.Item1).SelectMany(a => Spellings(t.Item2).Select(b => (a, b)))).ToArbitrary();
        Check.One(Runs, Prop.ForAll(pairs, pair =>
            SamePerson.Judge("phone:+14155550100", pair.a.First, pair.a.Last, pair.b.First, pair.b.Last) == Sameness.SharesNumber
            && SamePerson.Judge("phone:+14155550100", pair.b.First, pair.b.Last, pair.a.First, pair.a.Last) == Sameness.SharesNumber));
    }

    [Fact]
    public void The_same_email_or_the_same_name_at_the_same_company_is_one_person_whatever_the_names()
    {
        Check.One(Runs, Prop.ForAll(Person, Person, (a, b) =>
            SamePerson.Judge("email:SUE@XYZ.EXAMPLE", a.First, a.Last, b.First, b.Last) == Sameness.SamePerson
            && SamePerson.Judge("name:SUE JONES|XYZ", a.First, a.Last, b.First, b.Last) == Sameness.SamePerson));
    }

    [Fact]
    public void Sameness_on_a_number_is_symmetric()
    {
        var spelled = Person.Generator.SelectMany(Spellings).ToArbitrary();
        Check.One(Runs, Prop.ForAll(spelled, spelled, (a, b) =>
            SamePerson.Names(a.First, a.Last, b.First, b.Last) == SamePerson.Names(b.First, b.Last, a.First, a.Last)));
    }

    /// <summary>A switchboard shared by a dozen people, the new record among them or not: never made into someone else.</summary>
    [Fact]
    public void On_a_switchboard_a_record_is_only_ever_the_person_with_its_name()
    {
        var office = Person.Generator.ListOf().Select(l => l.DistinctBy(p => SamePerson.Fold(p.Last)).Take(12).ToList()).Where(l => l.Count >= 2)
            .SelectMany(l => Gen.Choose(0, l.Count - 1).Select(i => (Office: l, Caller: l[i])));
        var cases = office.SelectMany(o => Gen.Elements(true, false).Select(present => (o.Office, o.Caller, Present: present))).ToArbitrary();
        Check.One(Runs, Prop.ForAll(cases, c =>
        {
            var book = c.Office.Where(p => c.Present || p != c.Caller)
                .Select((p, i) => new KeyMatch(new Guid(i + 1, 0, 0, new byte[8]), "phone:+4930901820", p.First, p.Last)).ToList();
            var verdict = SamePerson.Decide(c.Caller.First, c.Caller.Last, book);
            var sameLastName = book.Where(b => SamePerson.Variants(b.LastName).Overlaps(SamePerson.Variants(c.Caller.Last))).ToList();
            return (verdict.Same is null || SamePerson.Variants(verdict.Same.LastName).Overlaps(SamePerson.Variants(c.Caller.Last)))
                && (!c.Present || verdict.Same is not null)
                && verdict.SharesNumberWith.Count + (verdict.Same is null ? 0 : 1) == book.Count
                && (c.Present || sameLastName.Count > 0 || verdict.Same is null);
        }));
    }

    [Theory]
    [InlineData("Marcus", "Fields", "Fatima", "Kowalski", false)]
    [InlineData("M.", "Fields", "Marcus", "Fields", true)]
    [InlineData("Jürgen", "Schäfer", "JURGEN", "SCHAEFER", true)]
    [InlineData("Jürgen", "Schäfer", "juergen", "schafer", true)]
    [InlineData("Łukasz", "Wałęsa", "Lukasz", "Walesa", true)]
    [InlineData("Søren", "Kierkegaard", "Soren", "Kierkegaard", true)]
    [InlineData("Anna", "Smith", "John", "Smith", false)]
    [InlineData("Dana", null, "Dana", "Smith", false)]
    [InlineData("Dana", null, "Dana", null, true)]
    [InlineData(null, null, null, null, true)]
    [InlineData("Seán", "O'Brien", "Sean", "O Brien", true)]
    public void Plainly_the_same_name(string? first, string? last, string? otherFirst, string? otherLast, bool same)
    {
        SamePerson.Names(first, last, otherFirst, otherLast).ShouldBe(same);
    }

    [Fact]
    public void The_strongest_key_decides_and_a_number_alone_never_does()
    {
        var fatima = new KeyMatch(Guid.Parse("00000000-0000-0000-0000-000000000001"), "phone:+14155550100", "Fatima", "Kowalski");
        var marcusByEmail = new KeyMatch(Guid.Parse("00000000-0000-0000-0000-000000000002"), "email:M@FIELDS.EXAMPLE", "Mark", "Fields-Smith");

        var verdict = SamePerson.Decide("Marcus", "Fields", [fatima, marcusByEmail]);

        verdict.Same.ShouldBe(marcusByEmail);
        verdict.SharesNumberWith.ShouldBe([fatima]);
        SamePerson.Decide("Marcus", "Fields", [fatima]).Same.ShouldBeNull();
    }
}
