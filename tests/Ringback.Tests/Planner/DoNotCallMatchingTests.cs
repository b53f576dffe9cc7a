using NodaTime;
using Ringback.Data.Planner;
using Ringback.Phones;
using Ringback.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>
/// A do-not-call list is matched by the number, however either side wrote it: a registry file in one form, a
/// contact's number typed in another, both read by libphonenumber into the same E.164.
/// </summary>
public class DoNotCallMatchingTests
{
    /// <summary>(how the list writes it, how the rep typed it, the region each is read in).</summary>
    public static TheoryData<string, string, string> Forms => new()
    {
        { "(212) 555-0147", "+1 212 555 0147", "US" },
        { "212.555.0147", "1-212-555-0147", "US" },
        { "2125550147", "011 1 212 555 0147", "US" },
        { "+12125550147", "(212)555-0147", "US" },
        { "020 7946 0958", "+44 (0)20 7946 0958", "GB" },
        { "+44 20 7946 0958", "0044 20 7946 0958", "GB" },
        { "030 901820", "+49 30 901820", "DE" },
        { "0049 30 901820", "+49 (0)30 901820", "DE" },
        { "01 23 45 67 89", "+33 1 23 45 67 89", "FR" },
        { "(02) 9876 5432", "+61 2 9876 5432", "AU" },
        { "0011 61 2 9876 5432", "02 9876 5432", "AU" },
        { "098765 43210", "+91 98765 43210", "IN" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_listed_number_is_found_however_either_side_wrote_it(string listed, string typed, string region)
    {
        await using var database = await TestDatabase.CreateAsync(Data.DatabaseProvider.Sqlite);
        var rep = await database.AddUserAsync();
        await using var db = database.NewContext(rep.OrganizationId);
        var imported = await DoNotCallRegister.ImportAsync(db, new StringReader(listed + "\n"), "Registry", DoNotCallListKind.Registry,
            new LocalDate(2026, 11, 1), region, skipBad: false, Ringback.Data.Accounts.Actor.Of(rep), RingbackApiFactory.Now, default);
        imported.Errors.ShouldBeEmpty();

        var contactNumber = PhoneNumberParser.Parse(typed, region).Number!.Value.E164;
        var found = await DoNotCallRegister.ListedAsync(db, [contactNumber], default);

        found.Select(f => f.ListName).ShouldBe(["Registry"], $"'{listed}' on the list and '{typed}' on the contact are one number");
    }

    [Fact]
    public async Task Another_number_is_not_matched()
    {
        await using var database = await TestDatabase.CreateAsync(Data.DatabaseProvider.Sqlite);
        var rep = await database.AddUserAsync();
        await using var db = database.NewContext(rep.OrganizationId);
        await DoNotCallRegister.ImportAsync(db, new StringReader("(212) 555-0147\n"), "Registry", DoNotCallListKind.Registry,
            new LocalDate(2026, 11, 1), "US", skipBad: false, Ringback.Data.Accounts.Actor.Of(rep), RingbackApiFactory.Now, default);

        (await DoNotCallRegister.ListedAsync(db, ["+12125550148"], default)).ShouldBeEmpty();
    }
}
