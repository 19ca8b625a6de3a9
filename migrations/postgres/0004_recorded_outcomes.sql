-- Idempotency keys keep the domain outcome of their request (encoded by storage/outcome_codec.cpp), which the
-- http layer renders, instead of a rendered HTTP answer. Rows answered before this migration keep their `status`
-- and `response`: such a key is refused with 409 until it expires (24 hours) and is never applied twice.
ALTER TABLE idempotency_keys ADD COLUMN outcome TEXT;
