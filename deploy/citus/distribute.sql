-- Spreading a giamngheo PostgreSQL database over a Citus cluster, by province_code
-- (docs/decisions/0011-scale-out-by-province.md). Run once on the coordinator, after
-- `giamngheo migrate`, as a superuser. tests/integration/citus-ddl.test.ts runs every statement of
-- this file but the Citus calls on a migrated database (in a transaction it rolls back) and checks
-- that every unique key and every foreign key between distributed tables includes province_code,
-- and that every table holding province_code is placed below (distributed, reference or local).
--
-- Local tables stay on the coordinator: the change audit, the access record and the offline
-- survey's sync record (logs, written once, read by the administrator or one household's page), the portal's feedback, and the Front's fund, houses and
-- supervision (thousands of rows a province a year; a join with a household goes through Citus's
-- local–distributed join planning).
-- local (stay on the coordinator): audit_log portal_feedback access_record access_record_household offline_sync front_file front_fund front_house front_house_source front_plan front_receipt front_recommendation front_spending front_spending_household front_transfer front_visit
CREATE EXTENSION IF NOT EXISTS citus;

-- 1. reference tables (small, rarely written, copied to every node)
SELECT create_reference_table(t) FROM unnest(ARRAY['admin_unit', 'admin_unit_succession',
  'calendar_day', 'poverty_standard', 'review_period_standard', 'program', 'program_component']) AS t;

-- 2. keys that include the distribution column: first the foreign keys between distributed
--    tables (re-created with province_code in step 4), then the primary keys. The registry's
--    large tables are partitioned by province_code and already have (province_code, id).
ALTER TABLE allocation_entry DROP CONSTRAINT allocation_entry_allocation_id_fkey;
ALTER TABLE disbursement DROP CONSTRAINT disbursement_allocation_id_fkey;
ALTER TABLE household_support DROP CONSTRAINT household_support_disbursement_id_fkey;
ALTER TABLE allocation_issue DROP CONSTRAINT allocation_issue_allocation_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_meeting_id_fkey;
ALTER TABLE task_update DROP CONSTRAINT task_update_task_id_fkey;
ALTER TABLE task_attachment DROP CONSTRAINT task_attachment_task_update_id_fkey;
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['village', 'review_campaign', 'campaign_event', 'certificate',
    'finance_target', 'allocation', 'allocation_entry', 'disbursement', 'household_support',
    'allocation_issue', 'meeting', 'task', 'task_update', 'task_attachment', 'review_application',
    'report_submission'] LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD PRIMARY KEY (province_code, id)', t, t || '_pkey');
  END LOOP; END $$;

-- 3. distributed, co-located tables
SELECT create_distributed_table('household', 'province_code', shard_count => 48);
SELECT create_distributed_table(t, 'province_code', colocate_with => 'household')
  FROM unnest(ARRAY['village', 'household_member', 'household_change', 'review_result',
    'review_aggregate', 'household_tally', 'figures_stamp', 'review_campaign', 'campaign_event', 'certificate', 'certificate_counter',
    'resident_household', 'finance_target', 'allocation', 'allocation_entry', 'disbursement',
    'household_support', 'allocation_issue', 'meeting', 'task', 'task_update',
    'task_attachment', 'review_application', 'report_submission']) AS t;

-- 4. the foreign keys again, co-located
ALTER TABLE allocation_entry ADD FOREIGN KEY (province_code, allocation_id) REFERENCES allocation (province_code, id);
ALTER TABLE disbursement ADD FOREIGN KEY (province_code, allocation_id) REFERENCES allocation (province_code, id);
ALTER TABLE household_support ADD FOREIGN KEY (province_code, disbursement_id) REFERENCES disbursement (province_code, id);
ALTER TABLE allocation_issue ADD FOREIGN KEY (province_code, allocation_id) REFERENCES allocation (province_code, id);
ALTER TABLE task ADD FOREIGN KEY (province_code, meeting_id) REFERENCES meeting (province_code, id);
ALTER TABLE task_update ADD FOREIGN KEY (province_code, task_id) REFERENCES task (province_code, id);
ALTER TABLE task_attachment ADD FOREIGN KEY (province_code, task_update_id) REFERENCES task_update (province_code, id);

-- 5. the largest provinces on shards of their own
SELECT isolate_tenant_to_new_shard('household', '79', cascade_option => 'CASCADE');
SELECT isolate_tenant_to_new_shard('household', '01', cascade_option => 'CASCADE');
