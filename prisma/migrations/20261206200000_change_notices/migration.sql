-- Change notices for live views (the portal's topology diagram): after a
-- row of a table the diagram draws from changes, NOTIFY `zenith_changes`
-- with "<table> <project id>", or "<table> *" when the row is seen by every
-- project (a shared or external network and its subnets). The control
-- plane listens and serves the notices, scoped by project, at
-- /zenith/v1/changes. Notices carry no data: a listener only learns to look
-- again. An UPDATE that changes nothing but `updated_at` stays silent (some
-- writers re-save unchanged rows), and PostgreSQL folds identical notices
-- of one transaction into one.
CREATE FUNCTION zenith_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rec record;
  scope text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    rec := OLD;
  ELSE
    rec := NEW;
  END IF;
  IF TG_TABLE_NAME = 'ip_allocation' THEN
    SELECT p.project_id INTO scope FROM port p WHERE p.id = rec.port_id;
    -- The port is being deleted: its own notice covers it.
    IF scope IS NULL THEN
      RETURN NULL;
    END IF;
  ELSIF TG_TABLE_NAME = 'network' THEN
    scope := rec.project_id;
    IF rec.shared OR rec.external THEN
      scope := '*';
    ELSIF TG_OP = 'UPDATE' THEN
      IF OLD.shared OR OLD.external THEN
        scope := '*';
      END IF;
    END IF;
  ELSIF TG_TABLE_NAME = 'subnet' THEN
    SELECT CASE WHEN n.shared OR n.external THEN '*' ELSE NULL END INTO scope
      FROM network n WHERE n.id = rec.network_id;
    scope := COALESCE(scope, rec.project_id);
  ELSE
    scope := rec.project_id;
  END IF;
  PERFORM pg_notify('zenith_changes', TG_TABLE_NAME || ' ' || COALESCE(scope, '*'));
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['instance', 'network', 'subnet', 'port', 'ip_allocation', 'router', 'floating_ip'] LOOP
    EXECUTE format(
      'CREATE TRIGGER zenith_changes AFTER INSERT OR UPDATE OR DELETE ON %I '
      'FOR EACH ROW EXECUTE FUNCTION zenith_notify_change()',
      t
    );
  END LOOP;
END
$$;
