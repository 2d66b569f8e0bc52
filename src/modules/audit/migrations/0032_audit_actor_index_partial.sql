-- "What did this user do" asks for one user's events; events of the system itself (a bank's payment
-- notification, a billing run) have no user and were indexed for nothing, one index entry in every
-- payment. The index keeps only the events that have a user.
DROP INDEX audit_events_actor;
CREATE INDEX audit_events_actor ON audit_events (actor_user_id, id) WHERE actor_user_id IS NOT NULL;
