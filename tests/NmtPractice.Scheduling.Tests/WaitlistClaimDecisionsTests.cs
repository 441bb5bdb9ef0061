using NmtPractice.Scheduling.Waitlist;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// Rule: only the entry's own client may take the time on offer to the entry, only that time (its
/// start and therapist), and only before the hold runs out; a time declined or let run out reads as
/// expired, anything else as not offered.
/// </summary>
public sealed class WaitlistClaimDecisionsTests
{
    private static readonly Guid Client = Guid.CreateVersion7();
    private static readonly Guid Therapist = Guid.CreateVersion7();
    private static readonly DateTimeOffset Starts = new(2027, 5, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HoldsUntil = new(2027, 5, 3, 16, 0, 0, TimeSpan.Zero);

    private static WaitlistEntry Offered(DateTimeOffset? holdsUntil = null) => Waiting() with
    {
        Status = WaitlistStatus.Offered,
        Offer = new SlotOffer(Therapist, Starts, Starts.AddHours(1), HoldsUntil.AddHours(-2), holdsUntil ?? HoldsUntil),
    };

    private static WaitlistEntry Waiting(params DateTimeOffset[] declined) => new(
        Guid.CreateVersion7(), Client, Guid.CreateVersion7(), "NMT-60", null, new DateOnly(2027, 5, 1), new DateOnly(2027, 5, 9),
        new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.Zero), WaitlistStatus.Waiting, null, declined, 1);

    private static OfferClaim Claim(DateTimeOffset? at = null, Guid? client = null, Guid? therapist = null, DateTimeOffset? starts = null) =>
        new(client ?? Client, therapist ?? Therapist, starts ?? Starts, at ?? HoldsUntil.AddMinutes(-1));

    [Fact]
    public void The_entrys_client_may_take_the_time_on_offer_until_the_last_moment_of_the_hold() =>
        Assert.Null(WaitlistClaims.Refusal(Offered(), Claim()));

    [Fact]
    public void At_the_end_of_the_hold_and_after_it_the_claim_is_expired()
    {
        Assert.Equal(WaitlistClaims.Expired, WaitlistClaims.Refusal(Offered(), Claim(at: HoldsUntil)));
        Assert.Equal(WaitlistClaims.Expired, WaitlistClaims.Refusal(Offered(), Claim(at: HoldsUntil.AddSeconds(1))));
    }

    [Fact]
    public void An_offer_made_before_holds_existed_is_held_until_the_time_starts()
    {
        var entry = Offered() with { Offer = new SlotOffer(Therapist, Starts, Starts.AddHours(1), HoldsUntil.AddHours(-2)) };
        Assert.Null(WaitlistClaims.Refusal(entry, Claim(at: Starts.AddMinutes(-1))));
        Assert.Equal(WaitlistClaims.Expired, WaitlistClaims.Refusal(entry, Claim(at: Starts)));
    }

    [Fact]
    public void Another_client_another_start_or_another_therapist_is_not_offered()
    {
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Offered(), Claim(client: Guid.CreateVersion7())));
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Offered(), Claim(starts: Starts.AddMinutes(30))));
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Offered(), Claim(therapist: Guid.CreateVersion7())));
    }

    [Fact]
    public void A_time_declined_or_let_run_out_reads_as_expired_and_an_entry_with_no_offer_as_not_offered()
    {
        Assert.Equal(WaitlistClaims.Expired, WaitlistClaims.Refusal(Waiting(Starts), Claim()));
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Waiting(Starts.AddDays(1)), Claim()));
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Waiting() with { Status = WaitlistStatus.Fulfilled }, Claim()));
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Offered() with { Status = WaitlistStatus.Withdrawn }, Claim()));
    }

    [Fact]
    public void A_declined_time_offered_again_later_may_be_taken_while_held()
    {
        var entry = Offered() with { DeclinedStarts = [Starts] };
        Assert.Null(WaitlistClaims.Refusal(entry, Claim()));
    }

    [Fact]
    public void Another_clients_claim_of_a_time_declined_by_this_entry_is_still_not_offered() =>
        Assert.Equal(WaitlistClaims.NotOffered, WaitlistClaims.Refusal(Waiting(Starts), Claim(client: Guid.CreateVersion7())));
}
