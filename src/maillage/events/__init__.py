"""Events, registrations, check-in, and the speed-dating planner (scheduling/)."""
