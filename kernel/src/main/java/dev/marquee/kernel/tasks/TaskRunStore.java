package dev.marquee.kernel.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code task_runs} table: run history, newest first. */
@RegisterRowMapper(TaskRunStore.RunMapper.class)
interface TaskRunStore {
  String COLUMNS = "run_id, task_id, owner, trigger_kind, status, progress, message, error, started_at, finished_at";

  @SqlUpdate("INSERT INTO task_runs (run_id, task_id, owner, trigger_kind, status, progress, started_at) "
      + "VALUES (:runId, :taskId, :owner, :trigger, 'RUNNING', 0, :startedAt)")
  void insertRunning(@Bind("runId") String runId, @Bind("taskId") String taskId, @Bind("owner") String owner,
      @Bind("trigger") String trigger, @Bind("startedAt") long startedAt);

  @SqlUpdate("UPDATE task_runs SET progress = :progress, message = :message WHERE run_id = :runId AND status = 'RUNNING'")
  void updateProgress(@Bind("runId") String runId, @Bind("progress") int progress, @Bind("message") String message);

  @SqlUpdate("UPDATE task_runs SET status = :status, progress = :progress, message = :message, error = :error, "
      + "finished_at = :finishedAt WHERE run_id = :runId")
  void finish(@Bind("runId") String runId, @Bind("status") String status, @Bind("progress") int progress,
      @Bind("message") String message, @Bind("error") String error, @Bind("finishedAt") long finishedAt);

  /** Marks runs a dead process left RUNNING. */
  @SqlUpdate("UPDATE task_runs SET status = 'INTERRUPTED', finished_at = :now, "
      + "error = 'the server stopped while the task ran' WHERE status = 'RUNNING'")
  int interruptLeftovers(@Bind("now") long now);

  @SqlQuery("SELECT " + COLUMNS + " FROM task_runs WHERE run_id = :runId")
  Optional<TaskRun> find(@Bind("runId") String runId);

  @SqlQuery("SELECT " + COLUMNS + " FROM task_runs WHERE task_id = :taskId "
      + "ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset")
  List<TaskRun> runsOf(@Bind("taskId") String taskId, @Bind("offset") int offset, @Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM task_runs WHERE task_id = :taskId")
  int countRunsOf(@Bind("taskId") String taskId);

  @SqlQuery("SELECT " + COLUMNS + " FROM task_runs WHERE task_id = :taskId AND finished_at IS NOT NULL "
      + "ORDER BY started_at DESC, id DESC LIMIT 1")
  Optional<TaskRun> lastFinished(@Bind("taskId") String taskId);

  /**
   * Deletes finished runs that started before {@code cutoff}, except each task's {@code keep} newest
   * runs. The ranking sits in a derived table so that MariaDB accepts a subquery on the table being
   * deleted from.
   */
  @SqlUpdate("DELETE FROM task_runs WHERE finished_at IS NOT NULL AND started_at < :cutoff AND id NOT IN ("
      + "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY task_id ORDER BY started_at DESC, id DESC) AS rank_in_task "
      + "FROM task_runs) ranked WHERE rank_in_task <= :keep)")
  int prune(@Bind("cutoff") long cutoff, @Bind("keep") int keep);

  /** Maps a {@code task_runs} row. */
  final class RunMapper implements RowMapper<TaskRun> {
    @Override
    public TaskRun map(ResultSet rs, StatementContext ctx) throws SQLException {
      long finished = rs.getLong("finished_at");
      Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
      return new TaskRun(
          rs.getString("run_id"),
          rs.getString("task_id"),
          rs.getString("owner"),
          TriggerKind.fromLabel(rs.getString("trigger_kind")),
          RunStatus.valueOf(rs.getString("status")),
          rs.getInt("progress"),
          rs.getString("message"),
          rs.getString("error"),
          Instant.ofEpochMilli(rs.getLong("started_at")),
          finishedAt);
    }
  }
}
