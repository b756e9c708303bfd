-- 服务评价与改进: what kiosks report about the service people got (ratings on the five GB/T 39734
-- levels, 办不成事, complaints, sessions), and the ledger of cases staff follow up: every 差评, every
-- complaint and every 办不成事 report opens one. Times come from the console's clock, never now().

-- One row per report a kiosk sent, by the id the kiosk made: a batch sent again is taken once.
CREATE TABLE service_reports (
  kiosk_id text NOT NULL,
  report_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('evaluation', 'feedback', 'complaint', 'session')),
  hall_id text,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (kiosk_id, report_id)
);
CREATE INDEX service_reports_sessions ON service_reports (at) WHERE kind = 'session';

CREATE TABLE ratings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id text NOT NULL,
  report_id uuid NOT NULL UNIQUE,
  hall_id text,
  at timestamptz NOT NULL,
  level text NOT NULL CHECK (level IN ('very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied')),
  bad boolean NOT NULL,
  scope text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('pad', 'screen')),
  reasons text[] NOT NULL DEFAULT '{}',
  item_code text,
  window_id text
);
CREATE INDEX ratings_at ON ratings (at);

-- The deadline policy of a jurisdiction (a hall, or '*' for every hall without its own): working days
-- by the official calendar (holidays closed, 调休 make-up days worked), hours for verification.
CREATE TABLE case_policies (
  jurisdiction text PRIMARY KEY,
  policy jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE cases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type text NOT NULL CHECK (type IN ('bad-rating', 'complaint', 'cannot-do')),
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  kiosk_id text NOT NULL,
  report_id uuid NOT NULL UNIQUE,
  hall_id text,
  rating_id bigint REFERENCES ratings (id),
  opened_at timestamptz NOT NULL,
  item_code text,
  window_id text,
  reasons text[] NOT NULL DEFAULT '{}',
  category text,
  description text,
  happened_at timestamptz,
  -- Personal data: only with the person's consent, erased at closed_at + retention.
  contact_mobile text,
  personal_erased_at timestamptz,
  verify_due timestamptz NOT NULL,
  reply_due timestamptz NOT NULL,
  retention_days integer NOT NULL,
  verified_at timestamptz, verified_by text, verification text,
  contacted_at timestamptz, contacted_by text, contact_note text,
  rectified_at timestamptz, rectified_by text, rectification text, legal_basis text,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basically-satisfied', 'dissatisfied', 'unreachable')),
  satisfaction_at timestamptz,
  answer text, answered_at timestamptz,
  -- 'near' within the policy's warning time of a deadline, 'overdue' past one; escalated to the hall manager when set.
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'near', 'overdue')),
  escalated_at timestamptz,
  closed_at timestamptz, closed_by text
);
CREATE INDEX cases_open ON cases (reply_due) WHERE state = 'open';
CREATE INDEX cases_hall ON cases (hall_id, opened_at);
CREATE INDEX cases_erase ON cases (closed_at) WHERE contact_mobile IS NOT NULL;

INSERT INTO case_policies (jurisdiction, policy, updated_by, updated_at) VALUES ('*',
  '{"verifyHours":48,"replyWorkingDays":{"bad-rating":5,"complaint":15,"cannot-do":5},"nearWorkingDays":1,"retentionDays":180}',
  'system', '2026-01-01T00:00:00Z');
