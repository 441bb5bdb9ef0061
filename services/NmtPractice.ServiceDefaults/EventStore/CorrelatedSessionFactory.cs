using System.Diagnostics;
using Marten;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.EventStore;

/// <summary>
/// Opens sessions that stamp every appended event with the current correlation id, causation id and
/// W3C trace context, so that the publishing subscription can continue the same trace later.
/// </summary>
internal sealed class CorrelatedSessionFactory(IDocumentStore store) : ISessionFactory
{
    /// <summary>Event header holding the W3C <c>traceparent</c> of the command that appended it.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>Event header holding the W3C <c>tracestate</c>, when there is one.</summary>
    public const string TraceStateHeader = "tracestate";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        Stamp(session);
        return session;
    }

    internal static void Stamp(IDocumentSession session)
    {
        if (CorrelationContext.Current is { } correlation)
        {
            session.CorrelationId = correlation.CorrelationId;
            session.CausationId = correlation.CausationId;
        }

        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            session.SetHeader(TraceParentHeader, activity.Id!);
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                session.SetHeader(TraceStateHeader, activity.TraceStateString);
            }
        }
    }
}
