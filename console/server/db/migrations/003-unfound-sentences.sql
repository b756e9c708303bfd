-- 智能导办: sentences people typed at kiosks that found nothing, after the kiosk's redacting filter, so
-- that the lexicon grows from real use. The text only: no session, person or item. One row per
-- sentence and kiosk (the screen sums them per sentence); the report's id in service_reports makes a
-- batch sent again count once. Rows not seen for 180 days go in the sweep.

ALTER TABLE service_reports DROP CONSTRAINT service_reports_kind_check;
ALTER TABLE service_reports ADD CONSTRAINT service_reports_kind_check CHECK (kind IN ('evaluation', 'feedback', 'complaint', 'session', 'unfound-sentence'));

CREATE TABLE unfound_sentences (
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 200),
  kiosk_id text NOT NULL,
  -- The kiosk's hall when it last reported the sentence.
  hall_id text,
  count integer NOT NULL CHECK (count > 0),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  PRIMARY KEY (text, kiosk_id)
);
CREATE INDEX unfound_sentences_hall ON unfound_sentences (hall_id, text);
CREATE INDEX unfound_sentences_last_seen ON unfound_sentences (last_seen);
