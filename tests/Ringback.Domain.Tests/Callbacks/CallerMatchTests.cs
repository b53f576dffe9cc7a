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
    public void A_gatekeeper_shared_by_two_prospects_is_calling_for_the_one_left_a_message_last()
    {
        var assistant = Guid.NewGuid();
        var older = Candidate(MatchedBy.GatekeeperNumber, 5, assistant);
        var newer = Candidate(MatchedBy.GatekeeperNumber, 2, assistant);
        CallerMatch.Choose([older, newer], Now, Window).Match.ShouldBe(newer);
    }

    [Fact]
    public void A_shared_line_with_no_recent_message_goes_to_a_person()
    {
        var result = CallerMatch.Choose([Candidate(MatchedBy.CompanyLine, 20), Candidate(MatchedBy.CompanyLine)], Now, Window);
        result.Match.ShouldBeNull();
        result.WhyNot.ShouldBe("2 contacts share this number and none was left a message in the last 14 days");
    }

    [Fact]
    public void Two_messages_at_the_same_moment_cannot_be_told_apart()
    {
        var result = CallerMatch.Choose([Candidate(MatchedBy.CompanyLine, 1), Candidate(MatchedBy.CompanyLine, 1)], Now, Window);
        result.WhyNot.ShouldBe("2 contacts share this number and were left messages at the same time");
    }

    [Fact]
    public void The_same_contact_found_twice_is_one_match()
    {
        var id = Guid.NewGuid();
        var result = CallerMatch.Choose([new(id, null, MatchedBy.ContactNumber, null), new(id, null, MatchedBy.ContactNumber, null)], Now, Window);
        result.Match!.ContactId.ShouldBe(id);
    }
}
