"""The profile: text -> located tree -> validated, frozen Profile (and back out as JSON Resume)."""
