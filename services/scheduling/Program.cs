using NmtPractice.Scheduling;

ApiServiceExtensions.Run(args, SchedulingService.AddScheduling, SchedulingService.MapScheduling);
