"""The `counter` role: the staff console (sign-in, 即时快招, job posts, worker desk, 131,
complaints, statistics and notices)."""
