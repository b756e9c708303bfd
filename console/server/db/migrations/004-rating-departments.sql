-- The department (部门) of the item a rating concerns, as the kiosk's content named it when the person
-- rated: 好差评 statistics by department. Ratings from before, or about no item, have none.
ALTER TABLE ratings ADD COLUMN department_id text;
ALTER TABLE ratings ADD COLUMN department_name text;
