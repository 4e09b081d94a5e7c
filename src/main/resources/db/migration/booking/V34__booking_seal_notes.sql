-- Session notes are health information: from now on they are stored only sealed
-- (AES-256-GCM, key outside the database; see NotesCipher). Notes written before this
-- version are sealed by the application at start-up (NotesSealing), which then clears
-- the plain column; the check below keeps any row from holding both.
alter table booking.sessions add column notes_sealed bytea;
alter table booking.sessions add constraint sessions_notes_sealed_or_legacy
    check (notes is null or notes_sealed is null);
