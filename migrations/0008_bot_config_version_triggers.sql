-- Every change to what a turn reads of a bot (settings and office hours, divisions, flows) bumps
-- bots.config_version, whichever process or tool made it, so cached configurations go stale at once.
CREATE OR REPLACE FUNCTION bump_bot_config_version() RETURNS trigger AS $$
BEGIN
  UPDATE bots SET config_version = config_version + 1
  WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.bot_id ELSE NEW.bot_id END;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bot_settings_config_version AFTER INSERT OR UPDATE OR DELETE ON bot_settings
  FOR EACH ROW EXECUTE FUNCTION bump_bot_config_version();
--> statement-breakpoint
CREATE TRIGGER divisions_config_version AFTER INSERT OR UPDATE OR DELETE ON divisions
  FOR EACH ROW EXECUTE FUNCTION bump_bot_config_version();
--> statement-breakpoint
CREATE TRIGGER flows_config_version AFTER INSERT OR UPDATE OR DELETE ON flows
  FOR EACH ROW EXECUTE FUNCTION bump_bot_config_version();
