using NodaTime;
using Ringback.Accounts;

namespace Ringback.Domain.Tests.Accounts;

public class RoleMatrixTests
{
    [Theory]
    [InlineData(Capability.Work, true, true, true)]
    [InlineData(Capability.Import, true, true, true)]
    [InlineData(Capability.EditTeamContacts, true, true, false)]
    [InlineData(Capability.Reassign, true, true, false)]
    [InlineData(Capability.Export, true, true, false)]
    [InlineData(Capability.ManageDoNotCall, true, true, false)]
    [InlineData(Capability.ManageReps, true, true, false)]
    [InlineData(Capability.TeamView, true, true, false)]
    [InlineData(Capability.PhoneSystem, true, false, false)]
    [InlineData(Capability.ManageRoles, true, false, false)]
    [InlineData(Capability.AuditLog, true, false, false)]
    [InlineData(Capability.OrganizationSettings, true, false, false)]
    public void Each_capability_is_the_roles_the_readme_says(Capability capability, bool owner, bool manager, bool rep)
    {
        (RoleMatrix.Allows(UserRole.Owner, capability), RoleMatrix.Allows(UserRole.Manager, capability), RoleMatrix.Allows(UserRole.Rep, capability))
            .ShouldBe((owner, manager, rep));
    }

    [Fact]
    public void Every_capability_is_in_the_table_above() =>
        Enum.GetValues<Capability>().Length.ShouldBe(12, "a new capability needs its row in the test above and in the README");

    [Fact]
    public void A_rep_changes_their_own_and_unowned_records_and_a_teammates_only_when_the_organization_allows()
    {
        var me = Guid.NewGuid();
        var teammate = Guid.NewGuid();
        RoleMatrix.MayChange(UserRole.Rep, me, me, repsEditTeamContacts: false).ShouldBeTrue();
        RoleMatrix.MayChange(UserRole.Rep, me, null, repsEditTeamContacts: false).ShouldBeTrue();
        RoleMatrix.MayChange(UserRole.Rep, me, teammate, repsEditTeamContacts: false).ShouldBeFalse();
        RoleMatrix.MayChange(UserRole.Rep, me, teammate, repsEditTeamContacts: true).ShouldBeTrue();
        RoleMatrix.MayChange(UserRole.Manager, me, teammate, repsEditTeamContacts: false).ShouldBeTrue();
    }

    [Fact]
    public void A_manager_manages_reps_and_only_an_owner_manages_managers_and_owners()
    {
        RoleMatrix.MayManage(UserRole.Manager, UserRole.Rep).ShouldBeTrue();
        RoleMatrix.MayManage(UserRole.Manager, UserRole.Manager).ShouldBeFalse();
        RoleMatrix.MayManage(UserRole.Manager, UserRole.Owner).ShouldBeFalse();
        RoleMatrix.MayManage(UserRole.Owner, UserRole.Owner).ShouldBeTrue();
        RoleMatrix.MayManage(UserRole.Rep, UserRole.Rep).ShouldBeFalse();
    }
}

public class SignInRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);

    [Fact]
    public void Four_failures_let_the_next_try_through_and_the_fifth_makes_it_wait_until_the_oldest_leaves_the_window()
    {
        var failures = Enumerable.Range(0, 4).Select(i => Now - Duration.FromMinutes(10 - i)).ToList();
        SignInRules.RetryAfter(failures, Now).ShouldBeNull();

        failures.Add(Now - Duration.FromMinutes(1));
        SignInRules.RetryAfter(failures, Now).ShouldBe(Duration.FromMinutes(5), "the oldest of the five, 10 minutes ago, leaves the 15-minute window in 5");
        SignInRules.RetryAfter(failures, Now + Duration.FromMinutes(5)).ShouldBeNull();
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count_and_the_header_is_never_zero()
    {
        var old = Enumerable.Range(0, 20).Select(i => Now - SignInRules.Window - Duration.FromSeconds(i)).ToList();
        SignInRules.RetryAfter(old, Now).ShouldBeNull();
        SignInRules.Seconds(Duration.FromMilliseconds(10)).ShouldBe(1);
        SignInRules.Seconds(Duration.FromSeconds(61.2)).ShouldBe(62);
    }
}
