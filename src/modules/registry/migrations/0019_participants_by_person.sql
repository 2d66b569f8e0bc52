-- A person's memberships, ended ones included (their contribution history, card, claims), are read by
-- person; the partial unique index covers only the open ones, so such reads scanned all participants.
CREATE INDEX participants_person ON participants (person_id);
