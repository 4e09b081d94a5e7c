-- Where an online session takes place: the psychologist's meeting link (https only).
-- Shown only to the client and psychologist of an approved or paid session, never in the
-- directory, so a public link cannot be used to walk into someone's therapy.
alter table profiles.profiles add column video_link text not null default ''
    check (video_link = '' or (video_link like 'https://%' and length(video_link) <= 300));
