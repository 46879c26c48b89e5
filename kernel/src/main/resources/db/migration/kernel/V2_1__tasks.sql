-- Task run history: one row per run of a scheduled task (kernel or plugin), kept after the task is gone.
-- Times are epoch milliseconds UTC; finished_at is NULL while the run is RUNNING.
CREATE TABLE task_runs (
  id ${pk},
  run_id VARCHAR(64) NOT NULL,
  task_id VARCHAR(200) NOT NULL,
  owner VARCHAR(200) NOT NULL,
  trigger_kind VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  progress INTEGER NOT NULL,
  message ${text},
  error ${text},
  started_at BIGINT NOT NULL,
  finished_at BIGINT
) ${table_options};

CREATE UNIQUE INDEX task_runs_run_id ON task_runs (run_id);
-- "runs of a task, newest first"; id breaks ties between runs started in the same millisecond
CREATE INDEX task_runs_task_started ON task_runs (task_id, started_at, id);
-- start-up sweep of RUNNING rows left by a crash
CREATE INDEX task_runs_status ON task_runs (status);
