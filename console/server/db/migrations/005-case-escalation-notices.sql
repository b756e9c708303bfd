-- A case near or past its deadline is pushed to the hall's managers through the same webhook as kiosk
-- alerts, held for the hall's opening hours like them: a delivery is about an alert or about a case.
ALTER TABLE webhook_deliveries ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE webhook_deliveries ADD COLUMN case_id bigint REFERENCES cases (id);
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_subject_check CHECK ((alert_id IS NULL) <> (case_id IS NULL));
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('raised', 'resolved', 'case-escalated'));
