using System.Net.Mail;
using System.Text.RegularExpressions;

namespace NmtPractice.Intake.Clients;

/// <summary>The personal details a client is registered with.</summary>
public sealed partial record ClientDetails(PersonName Name, DateOnly DateOfBirth, ContactDetails Contact, EmergencyContact? EmergencyContact, PrimaryCarePhysician? Physician)
{
    /// <summary>Records every problem of the details, as of <paramref name="today"/>, in <paramref name="errors"/>.</summary>
    internal static InputErrors Check(ClientDetails? details, DateOnly today, InputErrors errors)
    {
        if (details is null)
        {
            return errors.Add("body", "The client's details are required.");
        }

        errors.Text("name.given", details.Name?.Given, 100)
            .Text("name.family", details.Name?.Family, 100)
            .Text("name.preferred", details.Name?.Preferred, 100, required: false)
            .Require(details.DateOfBirth <= today && details.DateOfBirth >= today.AddYears(-120), "dateOfBirth", "Must be a real date of birth, not in the future.");

        var email = details.Contact?.Email?.Trim();
        var phone = details.Contact?.Phone?.Trim();
        errors.Require(!string.IsNullOrEmpty(email) || !string.IsNullOrEmpty(phone), "contact", "Give an email address or a phone number.")
            .Require(string.IsNullOrEmpty(email) || (email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email), "contact.email", "Not a valid email address.")
            .Require(string.IsNullOrEmpty(phone) || PhoneNumber().IsMatch(phone), "contact.phone", "Use 7 to 20 digits, spaces, brackets, dashes and an optional leading +.");

        if (details.EmergencyContact is { } emergency)
        {
            errors.Text("emergencyContact.name", emergency.Name, 100)
                .Text("emergencyContact.relationship", emergency.Relationship, 50)
                .Require(!string.IsNullOrWhiteSpace(emergency.Phone) && PhoneNumber().IsMatch(emergency.Phone.Trim()), "emergencyContact.phone", "A valid phone number is required.");
        }

        if (details.Physician is { } physician)
        {
            errors.Text("physician.name", physician.Name, 100)
                .Text("physician.practice", physician.Practice, 200, required: false)
                .Require(string.IsNullOrWhiteSpace(physician.Phone) || PhoneNumber().IsMatch(physician.Phone.Trim()), "physician.phone", "Not a valid phone number.");
        }

        return errors;
    }

    /// <summary>The details trimmed, blanks as null; call after <see cref="Check"/> found nothing.</summary>
    internal ClientDetails Cleaned() => new(
        new PersonName(Name.Given.Trim(), Name.Family.Trim(), NullIfBlank(Name.Preferred)),
        DateOfBirth,
        new ContactDetails(NullIfBlank(Contact.Email), NullIfBlank(Contact.Phone)),
        EmergencyContact is { } e ? new EmergencyContact(e.Name.Trim(), e.Relationship.Trim(), e.Phone.Trim()) : null,
        Physician is { } p ? new PrimaryCarePhysician(p.Name.Trim(), NullIfBlank(p.Practice), NullIfBlank(p.Phone)) : null);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{7,20}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhoneNumber();
}
