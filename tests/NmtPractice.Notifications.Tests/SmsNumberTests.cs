using NmtPractice.Notifications.Sending;

namespace NmtPractice.Notifications.Tests;

/// <summary>Rule: a number goes to the SMS gateway as "+" and digits only (Kannel reads a space as the gap between two recipients).</summary>
public sealed class SmsNumberTests
{
    [Theory]
    [InlineData("+1 617 555 0142", "+16175550142")]
    [InlineData("+1 (617) 555-0142", "+16175550142")]
    [InlineData(" +44 20 7946 0958", "+442079460958")]
    [InlineData("617-555-0142", "6175550142")]
    public void A_number_typed_at_the_desk_becomes_one_recipient(string typed, string sent) =>
        Assert.Equal(sent, SmsChannel.Number(typed));
}
