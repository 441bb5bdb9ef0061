using NmtPractice.Web.Api;

namespace NmtPractice.Web.Components.FrontDesk;

/// <summary>What an action on an appointment did: in words, whether it failed, and how to take it back when the domain allows (its problem, or null once undone).</summary>
public sealed record AppointmentChange(string Text, bool Failed, AppointmentView? Appointment, Func<Task<ApiProblem?>>? Undo = null, bool Close = true);
