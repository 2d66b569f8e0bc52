-- An entry is reversed at most once: the uniqueness holds over the reversing entries only. As a plain
-- UNIQUE column it indexed every entry's NULL as well, one index entry in every payment for nothing.
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_reverses_entry_id_key;
CREATE UNIQUE INDEX journal_entries_one_reversal ON journal_entries (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
