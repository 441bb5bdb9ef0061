using NmtPractice.Intake;

ApiServiceExtensions.Run(args, IntakeService.AddIntake, IntakeService.MapIntake);
