using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Calls;

/// <summary>
/// What logging one call costs the database, counted statement by statement: the figure docs/benchmarks.md reports for
/// the write path, held here as a ceiling so that work added to it is seen the day it lands.
/// </summary>
public class WritePathTests(ITestOutputHelper output)
{
    private static readonly Instant Now = RingbackApiFactory.Now;

    /// <summary>
    /// The statements a call with a message and a promise costs today, the transaction's BEGIN and COMMIT included: 13 on
    /// SQLite, 11 on PostgreSQL (which sends a save's inserts as one batch). It was 20 and 18 before the rules read only
    /// what the call's strategy rests on and the rep once.
    /// </summary>
    private const int Ceiling = 13;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_call_on_a_contact_with_a_history_is_logged_in_a_bounded_number_of_statements(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var contactId = Guid.CreateVersion7();
        await using (var db = database.NewContext(rep.OrganizationId))
        {
            db.Contacts.Add(new Contact
            {
                Id = contactId, FirstName = "Sue", LastName = "Jones", DirectPhone = "+12125550147", OwnerId = rep.Id, CreatedAt = Now, UpdatedAt = Now,
            });
            await db.SaveChangesAsync();
        }

        // A history first: ten calls over the last weeks, each logged the same way.
        for (var i = 10; i >= 1; i--)
        {
            await using var db = database.NewContext(rep.OrganizationId);
            var earlier = await CallLog.LogAsync(db, contactId, rep.Id, new CallDraft { Outcome = "no-answer", StartedAt = Now - Duration.FromDays(i * 2) }, null,
                Now - Duration.FromDays(i * 2), default);
            earlier.IsValid.ShouldBeTrue(earlier.Errors.ToString());
        }

        await using (var db = database.NewContext(rep.OrganizationId))
        {
            using var counted = StatementCounter.Start();
            var logged = await CallLog.LogAsync(db, contactId, rep.Id, new CallDraft
            {
                Outcome = "voicemail-left", Strategy = "vague", MessageText = "Hi Sue, Freda here at 901-555-2120. I'll call you Thursday at 10. 901-555-2120.",
                PromisedNextCallAt = Instant.FromUtc(2026, 11, 26, 15, 0),
            }, null, Now, default);
            logged.IsValid.ShouldBeTrue(logged.Errors.ToString());
            foreach (var statement in counted.Statements)
            {
                output.WriteLine(statement);
            }

            output.WriteLine($"{provider}: {counted.Statements.Count} statements");
            counted.Statements.Count.ShouldBeLessThanOrEqualTo(Ceiling, string.Join("\n", counted.Statements));
        }
    }

    /// <summary>Counts EF Core's commands and transactions in the flow that started it, not in other tests running beside it.</summary>
    private sealed class StatementCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private static readonly AsyncLocal<StatementCounter?> Current = new();
        private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new StatementCounter());
        private readonly List<string> _statements = [];

        public IReadOnlyList<string> Statements
        {
            get
            {
                lock (_statements)
                {
                    return [.. _statements];
                }
            }
        }

        public static StatementCounter Start()
        {
            _ = Subscription;
            var counter = new StatementCounter();
            Current.Value = counter;
            return counter;
        }

        public void Dispose() => Current.Value = null;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Current.Value is not { } counter)
            {
                return;
            }

            var text = value.Key switch
            {
                _ when value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData command => Squeeze(command.Command.CommandText),
                _ when value.Key == RelationalEventId.TransactionStarted.Name => "BEGIN",
                _ when value.Key == RelationalEventId.TransactionCommitted.Name => "COMMIT",
                _ => null,
            };
            if (text is not null)
            {
                lock (counter._statements)
                {
                    counter._statements.Add(text);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private static string Squeeze(string sql)
        {
            var line = string.Join(' ', sql.Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            return line.Length > 160 ? line[..160] + "…" : line;
        }
    }
}
