-- 视频办事: the queue of video calls from kiosks to hall staff, and the WebRTC signalling of calls in
-- progress. Nothing personal: the hall, the kiosk and the item the person was on. Signals go when
-- the call ends; a call whose kiosk stopped asking is no longer shown (kiosk_seen_at).

CREATE TABLE video_calls (
  id uuid PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  hall_id text,
  item_code text,
  item_name text,
  audio_only boolean NOT NULL,
  state text NOT NULL CHECK (state IN ('waiting', 'answered', 'callback', 'ended')),
  requested_at timestamptz NOT NULL,
  kiosk_seen_at timestamptz NOT NULL,
  answered_by text,
  answered_at timestamptz,
  ended_at timestamptz
);
CREATE INDEX video_calls_open ON video_calls (hall_id, requested_at) WHERE state <> 'ended';

CREATE TABLE video_signals (
  seq bigserial PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES video_calls (id) ON DELETE CASCADE,
  -- Who the signal is for.
  to_side text NOT NULL CHECK (to_side IN ('kiosk', 'staff')),
  body jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX video_signals_call ON video_signals (call_id, to_side, seq);
