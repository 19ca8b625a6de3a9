-- Bounded input: login failures older than the throttling window are deleted at every attempt (by time, for every
-- username) (an index, so that the delete does not scan).
CREATE INDEX login_failures_at ON login_failures (at_us);
