using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.Testing;
using NmtPractice.Testing.Messaging;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// The notifications service on its own database and virtual host, with a real SMTP server
/// (smtp4dev) and a real SMS gateway (Kannel with its fake operator) of its own, the gateway's
/// calls relayed to the in-process service, and a clock the tests move.
/// </summary>
public sealed class NotificationsFixture : ServiceFixture<Program>
{
    private static readonly string InboundKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly string _contactKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _linkKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>10:00 in Boston on Wednesday 10 March 2027, four days before the clocks go forward.</summary>
    /// <summary>Stands for <see cref="SignInCodeKey"/> where a test says which key a request carries.</summary>
    public const string UseTheKey = "(the key)";

    /// <summary>The key the identity server asks for sign-in codes with.</summary>
    public string SignInCodeKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 10, 15, 0, 0, TimeSpan.Zero));

    public MailServer Mail { get; private set; } = null!;

    public SmsGateway Sms { get; private set; } = null!;

    public CallbackRelay Relay { get; private set; } = null!;

    protected override string Purpose => "notifications";

    protected override Type[] RecordedMessageTypes =>
        [typeof(NmtPractice.Contracts.Notifications.AppointmentAnswered), typeof(NmtPractice.Contracts.Notifications.ClientMessagesStopped), typeof(NmtPractice.Contracts.Notifications.WaitlistOfferClaimed),
            typeof(NmtPractice.Contracts.Notifications.AppointmentReminderDelivered)];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Security"] = "None",
        ["Notifications:Sms:SendUrl"] = Sms.SendUrl.ToString(),
        ["Notifications:Sms:Username"] = Sms.Username,
        ["Notifications:Sms:Password"] = Sms.Password,
        ["Notifications:Sms:Sender"] = Sms.Sender,
        ["Notifications:Sms:CallbackBaseUrl"] = Relay.BaseUrl.ToString(),
        ["Notifications:Sms:InboundKey"] = InboundKey,
        ["Notifications:SignInCodeKey"] = SignInCodeKey,
        ["Notifications:ContactEncryptionKey"] = _contactKey,
        ["Notifications:Links:BaseUrl"] = "https://clinic.example/",
        ["Notifications:Links:SigningKey"] = _linkKey,
        ["Notifications:DispatchInterval"] = "00:00:01",
    };

    public override async ValueTask InitializeAsync()
    {
        Mail = await MailServer.StartAsync();
        Relay = CallbackRelay.Start(() => Host.CreateClient());
        Sms = await SmsGateway.StartAsync(new Uri(Relay.BaseUrl, $"/api/notifications/sms/incoming?key={InboundKey}"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sms.DisposeAsync();
        await Relay.DisposeAsync();
        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
