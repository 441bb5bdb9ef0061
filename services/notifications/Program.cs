using NmtPractice.Notifications;

ApiServiceExtensions.Run(args, NotificationsService.AddNotifications, NotificationsService.MapNotifications);
