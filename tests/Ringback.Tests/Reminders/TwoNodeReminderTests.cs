using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Reminders;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Reminders;

/// <summary>
/// Real <c>ringback serve</c> processes sharing one PostgreSQL, each with its scheduler (Quartz, clustered): the one
/// sending is killed mid-send and the others send what it held, once; while two run, each reminder goes out once.
/// </summary>
[Trait("Tier", "Cluster")]
public class TwoNodeReminderTests
{
    [Fact]
    public async Task A_node_killed_mid_send_leaves_its_mail_to_the_others_and_two_nodes_send_each_reminder_once()
    {
        TestEnvironment.PostgresConnectionOrSkip();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var rep = await database.AddUserAsync();
        // The rep's start-of-day digest is a mail too (sent in the two hours after 08:00 their time): they are put
        // where it is evening now, so the only mails are this test's reminders whatever the hour the test runs.
        await using (var db = database.NewContext())
        {
            var zone = EveningZone(TestEnvironment.WallClock.GetCurrentInstant());
            await db.Users.IgnoreQueryFilters().Where(u => u.Id == rep.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, zone));
        }

        await using var smtp = await SmtpSink.StartAsync();
        using var tarpit = new TcpListener(IPAddress.Loopback, 0);
        tarpit.Start();
        // A mail server that takes the connection and never says a word: the sender waits on it, mid-send.
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    held.Add(await tarpit.AcceptTcpClientAsync());
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });

        var first = await AddDueRemindersAsync(database, rep, 20, "First");
        var a = Node(database, ((IPEndPoint)tarpit.LocalEndpoint).Port);
        await using var nodeA = await a.ServeAsync();
        var aHolds = await WaitForAsync(database, async db => await db.ReminderDeliveries.IgnoreQueryFilters()
            .CountAsync(d => d.Channel == ReminderChannel.Email && d.State == DeliveryState.Sending && d.LeasedBy != null), n => n == first.Count, "node A takes the mails");
        aHolds.ShouldBe(20);
        await nodeA.CrashAsync();

        await using var nodeB = await Node(database, smtp.Port).ServeAsync();
        await using var nodeC = await Node(database, smtp.Port).ServeAsync();
        // While both run, more reminders come due: each must go out once, whichever node wins it.
        var second = await AddDueRemindersAsync(database, rep, 20, "Second");
        var all = first.Concat(second).ToList();
        await WaitForAsync(database, async db => await db.ReminderDeliveries.IgnoreQueryFilters()
            .CountAsync(d => d.Channel == ReminderChannel.Email && d.State == DeliveryState.Sent), n => n == all.Count, "every mail sent");

        var mails = smtp.Messages();
        mails.Select(m => m.Headers["X-Ringback-Reminder"]).Order().ShouldBe(all.Select(id => id.ToString()).Order(), "each reminder mailed once, none lost, none twice");
        await using var check = database.NewContext();
        var deliveries = await check.ReminderDeliveries.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        deliveries.ShouldAllBe(d => d.State == DeliveryState.Sent && d.LeasedBy == null);
        deliveries.Count(d => d.Channel == ReminderChannel.Email && first.Contains(d.ReminderId) && d.Attempts == 2)
            .ShouldBe(20, "the mails node A held were taken over when its lease ran out: a second attempt each");
        deliveries.Count(d => d.Channel == ReminderChannel.App).ShouldBe(40, "one banner per reminder");
    }

    /// <summary>A fixed-offset zone where it is about 20:00 now.</summary>
    private static string EveningZone(Instant now)
    {
        var offset = 20 - now.InUtc().Hour;
        offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
        // Etc/GMT zones are named with the sign reversed (Etc/GMT-5 is five hours ahead of UTC).
        return offset == 0 ? "Etc/GMT" : offset > 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}";
    }

    private static RingbackProcess Node(TestDatabase database, int smtpPort)
    {
        var node = new RingbackProcess(database);
        node.Environment["Ringback__Smtp__Host"] = "127.0.0.1";
        node.Environment["Ringback__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        node.Environment["Ringback__Smtp__Security"] = "None";
        node.Environment["Ringback__Reminders__IntervalSeconds"] = "1";
        node.Environment["Ringback__Reminders__LeaseSeconds"] = "5";
        return node;
    }

    /// <summary>Contacts with a promise eight minutes from now (the wall clock: these are real processes) and its reminder due now.</summary>
    private static async Task<List<Guid>> AddDueRemindersAsync(TestDatabase database, Ringback.Accounts.User rep, int count, string name)
    {
        var now = TestEnvironment.WallClock.GetCurrentInstant();
        await using var db = database.NewContext(rep.OrganizationId);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(), FirstName = name, LastName = $"Prospect {i:00}", DirectPhone = $"+1212555{i:0000}", TimeZone = "America/New_York",
                Status = ContactStatus.Working, OwnerId = rep.Id, CreatedAt = now, UpdatedAt = now,
            };
            db.Contacts.Add(contact);
            var reminder = new Reminder
            {
                Id = Guid.CreateVersion7(), OrganizationId = rep.OrganizationId, UserId = rep.Id, ContactId = contact.Id, Kind = ReminderKind.Promise,
                DueAt = now + Duration.FromMinutes(8), RemindAt = now, State = ReminderState.Scheduled, CreatedAt = now,
            };
            db.Reminders.Add(reminder);
            ids.Add(reminder.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private static async Task<int> WaitForAsync(TestDatabase database, Func<RingbackDbContext, Task<int>> count, Func<int, bool> done, string what)
    {
        var last = -1;
        for (var i = 0; i < 600; i++)
        {
            await using (var db = database.NewContext())
            {
                last = await count(db);
            }

            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Waited 60 s for {what}: {last} so far.");
    }
}
