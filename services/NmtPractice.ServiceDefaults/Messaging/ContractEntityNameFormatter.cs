using System.Text;
using MassTransit;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// Names RabbitMQ exchanges after the contract, not the CLR namespace:
/// <c>NmtPractice.Contracts.Scheduling.AppointmentBooked</c> becomes <c>nmt.scheduling.appointment-booked</c>.
/// A new contract version is a new type (<c>AppointmentBookedV2</c>) and so a new exchange.
/// </summary>
internal sealed class ContractEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    private const string ContractsNamespace = "NmtPractice.Contracts.";

    public string FormatEntityName<T>()
    {
        var type = typeof(T);
        if (type.IsGenericType || type.Namespace is null || !type.Namespace.StartsWith(ContractsNamespace, StringComparison.Ordinal))
        {
            return fallback.FormatEntityName<T>();
        }

        var context = type.Namespace[ContractsNamespace.Length..];
        return $"nmt.{Kebab(context)}.{Kebab(type.Name)}";
    }

    internal static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                builder.Append('.');
                continue;
            }

            if (char.IsUpper(c) && i > 0 && name[i - 1] != '.' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
