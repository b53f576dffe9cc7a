using NodaTime;
using Ringback.Callbacks;

namespace Ringback.Domain.Tests.Callbacks;

public class CallerMatchTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 16, 0);
    private static readonly Duration Window = Duration.FromDays(14);

    private static MatchCandidate Candidate(MatchedBy by, double? daysSinceMessage = null, Guid? gatekeeper = null) =>
        new(Guid.NewGuid(), gatekeeper, by, daysSinceMessage is { } d ? Now - Duration.FromHours(d * 24) : null);

    [Fact]
    public void No_candidate_is_no_match_with_the_reason()
    {
        CallerMatch.Choose([], Now, Window).WhyNot.ShouldBe("no contact has this number");
    }

    [Fact]
    public void The_prospects_own_number_beats_a_gatekeeper_and_the_company_line()
    {
        var own = Candidate(MatchedBy.ContactNumber);
        var result = CallerMatch.Choose([Candidate(MatchedBy.CompanyLine, 1), Candidate(MatchedBy.GatekeeperNumber, 1, Guid.NewGuid()), own], Now, Window);
        result.Match.ShouldBe(own);
    }

    [Fact]
    public void A_gatekeeper_shared_by_two_prospects_is_not_guessed_the_one_messaged_last_comes_first()
    {
        var assistant = Guid.NewGuid();
        var older = Candidate(MatchedBy.GatekeeperNumber, 5, assistant);
        var newer = Candidate(MatchedBy.GatekeeperNumber, 2, assistant);
        var result = CallerMatch.Choose([older, newer], Now, Window);
        result.Match.ShouldBeNull("a message two days ago does not say which prospect the assistant rang for");
        result.SharedLine.ShouldBeTrue();
        result.Candidates.ShouldBe([newer, older]);
        result.WhyNot.ShouldBe("shared line: 2 contacts have their gatekeepers' number, 2 left a message in the last 14 days");
    }

    [Fact]
    public void A_shared_line_with_no_recent_message_goes_to_a_person()
    {
        var result = CallerMatch.Choose([Candidate(MatchedBy.CompanyLine, 20), Candidate(MatchedBy.CompanyLine)], Now, Window);
        result.Match.ShouldBeNull();
        result.WhyNot.ShouldBe("shared line: 2 contacts have their company's main line, none left a message in the last 14 days");
        result.Candidates[0].LastMessageAt.ShouldNotBeNull("the one ever left a message comes first");
    }

    /// <summary>Any number of contacts on a line, messaged at any times: never a guess, every one of them offered, latest message first.</summary>
    [Fact]
    public void A_number_several_contacts_have_is_never_credited_on_a_guess()
    {
        var random = new Random(31);
        for (var run = 0; run < 500; run++)
        {
            var by = (MatchedBy)random.Next(3);
            var candidates = Enumerable.Range(0, random.Next(2, 12))
                .Select(_ => Candidate(by, random.Next(3) == 0 ? null : random.NextDouble() * 30))
                .ToList();

            var result = CallerMatch.Choose(candidates, Now, Window);

            result.Match.ShouldBeNull();
            result.Candidates.Select(c => c.ContactId).ShouldBe(candidates.Select(c => c.ContactId), ignoreOrder: true);
            result.Candidates.Select(c => c.LastMessageAt ?? Instant.MinValue).ShouldBeInOrder(SortDirection.Descending);
        }
    }

    [Fact]
    public void The_same_contact_found_twice_is_one_match()
    {
        var id = Guid.NewGuid();
        var result = CallerMatch.Choose([new(id, null, MatchedBy.ContactNumber, null), new(id, null, MatchedBy.ContactNumber, null)], Now, Window);
        result.Match!.ContactId.ShouldBe(id);
    }
}
