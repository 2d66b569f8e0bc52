-- A family in a village often shares one phone: several participants may have the same number.
-- One-time codes are per user, so the code itself tells who signs in.
ALTER TABLE users DROP CONSTRAINT users_phone_key;
CREATE INDEX users_phone ON users (phone) WHERE phone IS NOT NULL;
