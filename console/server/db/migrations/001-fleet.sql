-- The fleet console's schema: operators and their sessions, halls, enrolments and kiosks, what the
-- kiosks report (state changes as events, history samples), alerts and their webhook deliveries,
-- remote commands, staged rollouts, and the audit log. Every time is a parameter from the console's
-- clock, never now(): tests move that clock.

CREATE TABLE halls (
  id text PRIMARY KEY,
  name text NOT NULL,
  opening jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE operators (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'publisher', 'content-editor', 'hall-manager', 'viewer')),
  halls text[] NOT NULL DEFAULT '{}',
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  operator_id integer NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  operator_id integer REFERENCES operators (id),
  username text,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL DEFAULT '{}'
);

-- A kiosk asking to join, known by its public key; an operator approves it by the code the kiosk shows.
CREATE TABLE enrolments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id text NOT NULL,
  public_key text NOT NULL UNIQUE,
  pairing_code text NOT NULL,
  app_version text NOT NULL,
  content_version integer,
  state text NOT NULL CHECK (state IN ('pending', 'approved', 'expired')),
  requested_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text
);
CREATE UNIQUE INDEX enrolments_pending_code ON enrolments (pairing_code) WHERE state = 'pending';

CREATE TABLE kiosks (
  id text PRIMARY KEY,
  public_key text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('approved', 'revoked')),
  label text,
  hall_id text REFERENCES halls (id),
  -- 0..99, fixed per kiosk: which "share of the fleet" rings it falls in.
  bucket smallint NOT NULL,
  enrolled_at timestamptz NOT NULL,
  approved_at timestamptz,
  approved_by text,
  revoked_at timestamptz,
  -- Bumped by every change: a heartbeat writes only if nothing changed the row since it read it.
  row_version integer NOT NULL DEFAULT 0,
  -- Replay protection: recent request nonces ("<ms>:<nonce>") and the time below which nothing is accepted.
  recent_nonces text[] NOT NULL DEFAULT '{}',
  nonce_floor timestamptz NOT NULL,
  health text NOT NULL CHECK (health IN ('green', 'amber', 'red')),
  health_rank smallint NOT NULL,
  problems text[] NOT NULL DEFAULT '{}',
  online boolean NOT NULL DEFAULT true,
  app_version text,
  content_version integer,
  content_expires timestamptz,
  last_beat_at timestamptz,
  offline_after timestamptz NOT NULL,
  boot_id text,
  uptime_s integer,
  clock_offset_ms integer,
  session_in_progress boolean NOT NULL DEFAULT false,
  ready boolean,
  -- The latest report's devices, outbox, last error and readiness, for the kiosk's page.
  report jsonb,
  refused_beats integer NOT NULL DEFAULT 0,
  history_at timestamptz,
  beats_since_sample integer NOT NULL DEFAULT 0,
  -- What each kind of update the kiosk may install: newest signed, a pinned version, or hold what it has.
  offer_content_mode text NOT NULL DEFAULT 'newest' CHECK (offer_content_mode IN ('newest', 'pin', 'hold')),
  offer_content integer,
  offer_content_attempt integer NOT NULL DEFAULT 0,
  offer_app_mode text NOT NULL DEFAULT 'newest' CHECK (offer_app_mode IN ('newest', 'pin', 'hold')),
  offer_app text,
  offer_app_attempt integer NOT NULL DEFAULT 0,
  -- The rollout each offer belongs to and the kiosk's state in it, as last written to rollout_kiosks.
  content_rollout_id integer,
  content_rollout_state text,
  app_rollout_id integer,
  app_rollout_state text,
  content_failure text,
  app_failure text
);
-- Room on every page so a heartbeat's update stays on its page (a HOT update: no index touched). No
-- index may name a column every beat changes (last_beat_at, offline_after, report …); the offline sweep
-- reads the 20,000 rows instead, every few seconds, in milliseconds.
ALTER TABLE kiosks SET (fillfactor = 70);
CREATE INDEX kiosks_list ON kiosks (status, health_rank, id);
CREATE INDEX kiosks_hall_list ON kiosks (hall_id, status, health_rank, id);

-- Only changes: health, problems raised and cleared, versions, restarts, online/offline, approvals.
CREATE TABLE kiosk_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX kiosk_events_kiosk ON kiosk_events (kiosk_id, id);
-- Retention deletes by age, a batch at a time, without reading the rest.
CREATE INDEX kiosk_events_age ON kiosk_events (at);

-- One sample every 15 minutes per kiosk (each kiosk at its own minute of the quarter, so a fleet's
-- samples spread over the quarter instead of all landing at its start); after a week folded into hours.
CREATE TABLE kiosk_history (
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  resolution text NOT NULL CHECK (resolution IN ('sample', 'hour')),
  health_rank smallint NOT NULL,
  problems text[] NOT NULL,
  outbox_pending integer NOT NULL,
  outbox_dead integer NOT NULL,
  clock_offset_ms integer,
  content_version integer,
  beats integer NOT NULL,
  PRIMARY KEY (kiosk_id, at, resolution)
);
CREATE INDEX kiosk_history_age ON kiosk_history (at);

CREATE TABLE alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id text NOT NULL,
  hall_id text,
  code text NOT NULL,
  kind text NOT NULL,
  subject text,
  severity text NOT NULL CHECK (severity IN ('red', 'amber')),
  raised_at timestamptz NOT NULL,
  resolved_at timestamptz,
  acknowledged_by text,
  acknowledged_at timestamptz,
  notification text NOT NULL DEFAULT 'none'
);
CREATE UNIQUE INDEX alerts_open ON alerts (kiosk_id, code) WHERE resolved_at IS NULL;
CREATE INDEX alerts_kiosk ON alerts (kiosk_id, id);

CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id bigint NOT NULL REFERENCES alerts (id),
  event text NOT NULL CHECK (event IN ('raised', 'resolved')),
  payload jsonb NOT NULL,
  due_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  last_error text,
  sent_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_alert ON webhook_deliveries (alert_id);

CREATE TABLE commands (
  id text PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  kind text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'done', 'failed', 'expired')),
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  delivered_at timestamptz,
  finished_at timestamptz,
  detail text,
  attachment_type text,
  attachment text
);
CREATE INDEX commands_pending ON commands (kiosk_id) WHERE state = 'pending';
CREATE INDEX commands_kiosk ON commands (kiosk_id, issued_at);
CREATE INDEX commands_open ON commands (expires_at) WHERE state IN ('pending', 'delivered');

CREATE TABLE rollouts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('content', 'app')),
  version text NOT NULL,
  notes text NOT NULL DEFAULT '',
  rings jsonb NOT NULL,
  advance_share double precision NOT NULL,
  failure_share double precision NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
  current_ring integer NOT NULL DEFAULT -1,
  paused_reason text,
  -- What kiosks the rollout has not reached yet keep: the last completed rollout's version (null: what they have).
  baseline text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz
);
CREATE UNIQUE INDEX rollouts_active ON rollouts (kind) WHERE state IN ('running', 'paused');

CREATE TABLE rollout_rings (
  rollout_id integer NOT NULL REFERENCES rollouts (id),
  ring integer NOT NULL,
  opened_at timestamptz NOT NULL,
  PRIMARY KEY (rollout_id, ring)
);

CREATE TABLE rollout_kiosks (
  rollout_id integer NOT NULL REFERENCES rollouts (id),
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  ring integer NOT NULL,
  state text NOT NULL CHECK (state IN ('offered', 'healthy', 'failed')),
  offered_at timestamptz NOT NULL,
  picked_up_at timestamptz,
  attempt integer NOT NULL DEFAULT 0,
  failure text,
  PRIMARY KEY (rollout_id, kiosk_id)
);
CREATE INDEX rollout_kiosks_ring ON rollout_kiosks (rollout_id, ring, state);

-- Work the instances share (sweeps) is claimed here, so two instances never do it twice at once.
CREATE TABLE job_runs (
  job text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);
