-- 政务服务体验员 runs: an officer walked a kiosk's service as a citizen would; the kiosk sends the run
-- once it ended, with the screens walked through (names, titles, public codes, time on each) and the
-- officer's notes at their step (redacted at the kiosk). No person's data.
--
-- One row per run, by the run's own id: the same run delivered twice (a batch sent again after a lost
-- answer, or the run queued again under another report id) is one run. Both dialects (PGlite and
-- PostgreSQL) take the same statements.

ALTER TABLE service_reports DROP CONSTRAINT service_reports_kind_check;
ALTER TABLE service_reports ADD CONSTRAINT service_reports_kind_check
  CHECK (kind IN ('evaluation', 'feedback', 'complaint', 'session', 'unfound-sentence', 'experience-run'));

CREATE TABLE experience_runs (
  run_id uuid PRIMARY KEY,
  kiosk_id text NOT NULL,
  -- The report that brought it first.
  report_id uuid NOT NULL,
  -- The kiosk's hall when the run arrived.
  hall_id text,
  officer_code text NOT NULL CHECK (officer_code ~ '^TYY-[0-9]{4}$'),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL CHECK (ended_at >= started_at),
  ended_by text NOT NULL,
  step_count integer NOT NULL CHECK (step_count >= 0),
  steps_omitted integer NOT NULL DEFAULT 0 CHECK (steps_omitted >= 0),
  note_count integer NOT NULL CHECK (note_count >= 0),
  -- [{screen, title?, subject?, at, ms}] in the order walked; [{step, screen, at, text}].
  steps jsonb NOT NULL,
  notes jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX experience_runs_started ON experience_runs (started_at DESC, run_id DESC);
CREATE INDEX experience_runs_hall ON experience_runs (hall_id, started_at DESC);
CREATE INDEX experience_runs_officer ON experience_runs (officer_code, started_at DESC);
