package dev.baton.distributor;

import dev.baton.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributor's Kafka Streams error handlers (KIP-1033 processing handler, KIP-1034 dead-letter
 * records). Both answer "resume" with a {@code baton.dlq} record carrying our headers; Streams
 * sends the record through the task's producer, so under exactly_once_v2 the dead letter commits
 * in the same transaction as the input offset. Kafka's built-in
 * {@code errors.dead.letter.queue.topic.name} writes {@code __streams.errors.*} headers instead of
 * ours, so it is not used.
 */
public final class DeadLetterHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

  private DeadLetterHandlers() {}

  /** Finds the service's metrics in the Streams config (Streams creates the handlers by class name). */
  abstract static class Counting implements Configurable {
    DistributorMetrics metrics = DistributorMetrics.inMemory();

    @Override
    public void configure(Map<String, ?> configs) {
      if (configs.get(DistributorMetrics.CONFIG_KEY) instanceof DistributorMetrics m) {
        metrics = m;
      }
    }
  }

  private static void log(DeadLetterReason reason, DeadLetters.Source source, Exception e) {
    // Never the record's bytes: they may be anything. The detail header carries the cause.
    LOG.warn("dead-lettered record {}-{}@{} ({}): {}", source.topic(), source.partition(), source.offset(),
        reason.code(), DeadLetters.describe(e));
  }

  /**
   * Records whose bytes do not deserialize go to {@code baton.dlq} with reason {@code deserialization};
   * when the schema registry is unavailable the task fails instead, and the record is retried.
   */
  public static final class Deserialization extends Counting implements DeserializationExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
      if (registryUnavailable(e)) {
        // The bytes may be fine: dead-lettering a valid credential because the registry is away
        // would lose it. Fail the task; the replaced thread reads the record again.
        LOG.error("schema registry unavailable while reading {}-{}@{}; failing the task so the record is retried: {}",
            record.topic(), record.partition(), record.offset(), DeadLetters.describe(e));
        return Response.fail();
      }
      DeadLetters.Source source = new DeadLetters.Source(record.topic(), record.partition(), record.offset());
      var dead = DeadLetters.record(record.key(), record.value(), record.timestamp(),
          DeadLetters.headers(record.headers(), DeadLetterReason.DESERIALIZATION, DeadLetters.describe(e), source));
      metrics.deadLettered(DeadLetterReason.DESERIALIZATION);
      log(DeadLetterReason.DESERIALIZATION, source, e);
      return Response.resume(List.of(dead));
    }
  }

  /**
   * Records whose processing throws go to {@code baton.dlq} ({@code malformed} for a broken rule,
   * {@code processing} otherwise), except when a region topic cannot be created or the registry is
   * unavailable: that is the cluster's fault, not the record's, so the task fails and the record
   * is retried.
   */
  public static final class Processing extends Counting implements ProcessingExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
      if (causedBy(e, RegionTopicException.class) || registryUnavailable(e)) {
        LOG.error("cannot create a region topic or reach the schema registry; failing the task so the record "
            + "is retried: {}", DeadLetters.describe(e));
        return Response.fail();
      }
      DeadLetterReason reason = causedBy(e, MalformedRecordException.class)
          ? DeadLetterReason.MALFORMED : DeadLetterReason.PROCESSING;
      DeadLetters.Source source = DeadLetters.Source.of(
          context.headers(), context.topic(), context.partition(), context.offset());
      var dead = DeadLetters.record(context.sourceRawKey(), context.sourceRawValue(), context.timestamp(),
          DeadLetters.headers(context.headers(), reason, DeadLetters.describe(e), source));
      metrics.deadLettered(reason);
      log(reason, source, e);
      return Response.resume(List.of(dead));
    }

  }

  /** True when the registry did not answer, or answered with a server error or "slow down". */
  static boolean registryUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException r) {
        return r.httpStatus() == 0 || r.httpStatus() == 429 || r.httpStatus() >= 500;
      }
    }
    return false;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
