package io.allot.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports long Spark stages as they run: tasks done of the stage's total, and the time left
 * projected from the pace so far. Short stages stay quiet.
 */
final class SparkProgressLogger extends SparkListener {
  private static final Logger log = LoggerFactory.getLogger(SparkProgressLogger.class);
  private static final long EVERY_NANOS = 10_000_000_000L;

  private record Stage(String name, int tasks, long startNanos, AtomicInteger done) {}

  private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();
  private volatile long lastLog = System.nanoTime();

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    stages.put(e.stageInfo().stageId(),
        new Stage(e.stageInfo().name(), e.stageInfo().numTasks(), System.nanoTime(), new AtomicInteger()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Stage s = stages.get(e.stageId());
    if (s == null) {
      return;
    }
    int done = s.done().incrementAndGet();
    long now = System.nanoTime();
    if (now - lastLog > EVERY_NANOS && now - s.startNanos() > EVERY_NANOS) {
      lastLog = now;
      double elapsed = (now - s.startNanos()) / 1e9;
      long left = Math.round(elapsed / done * (s.tasks() - done));
      log.info("spark stage {} ({}): {}/{} tasks done, {} s elapsed, about {} s left", e.stageId(),
          shortName(s.name()), done, s.tasks(), Math.round(elapsed), left);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    stages.remove(e.stageInfo().stageId());
  }

  private static String shortName(String name) {
    int at = name.indexOf(" at ");
    return at > 0 ? name.substring(0, at) : name;
  }
}
