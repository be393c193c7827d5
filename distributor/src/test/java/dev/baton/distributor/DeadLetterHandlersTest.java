package dev.baton.distributor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

  private static final byte[] KEY = "www/eu".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {0, 0, 0, 0, 7, 1, 2};

  private final DistributorMetrics metrics = DistributorMetrics.inMemory();

  private DeadLetterHandlers.Deserialization deserialization() {
    DeadLetterHandlers.Deserialization h = new DeadLetterHandlers.Deserialization();
    h.configure(Map.of(DistributorMetrics.CONFIG_KEY, metrics));
    return h;
  }

  private DeadLetterHandlers.Processing processing() {
    DeadLetterHandlers.Processing h = new DeadLetterHandlers.Processing();
    h.configure(Map.of(DistributorMetrics.CONFIG_KEY, metrics));
    return h;
  }

  private static ConsumerRecord<byte[], byte[]> consumed() {
    return new ConsumerRecord<>(Topics.CREDENTIALS_ISSUED.name(), 4, 1234L, KEY, VALUE);
  }

  private static String header(Headers h, String key) {
    return new String(h.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void deserialization_unknownSchemaId_isDeadLetteredWithSourceCoordinates() {
    var e = new SerializationException("cannot get writer schema id 7",
        new SchemaRegistryException("no schema with id 7", 404));

    var response = deserialization().handleError(new Context(null), consumed(), e);

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.topic()).isEqualTo(Topics.DLQ.name());
    assertThat(letter.key()).isEqualTo(KEY);
    assertThat(letter.value()).isEqualTo(VALUE);
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("deserialization");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_PARTITION)).isEqualTo("4");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("1234");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_DETAIL)).contains("no schema with id 7");
    assertThat(metrics.count("baton.distributor.dlq", "reason", "deserialization")).isEqualTo(1);
  }

  @Test
  void deserialization_registryUnreachable_failsTheTask_soTheRecordIsNotLost() {
    var e = new SerializationException("cannot get writer schema id 7",
        new SchemaRegistryException("GET http://registry/schemas/ids/7: connection refused", 0));

    var response = deserialization().handleError(new Context(null), consumed(), e);

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void processing_registryServerError_failsTheTask() {
    var e = new SerializationException("register", new SchemaRegistryException("503 from registry", 503));

    var response = processing().handleError(new Context(null), new Record<>("www", "v", 0L), e);

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
  }

  @Test
  void processing_afterRepartition_reportsTheStampedOriginalSource() {
    Headers stamped = DeadLetters.stamped(new RecordHeaders(),
        new DeadLetters.Source(Topics.CREDENTIALS_ISSUED.name(), 5, 99L));

    var response = processing().handleError(new Context(stamped), new Record<>("www", "v", 0L),
        new IllegalStateException("boom"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    Headers h = response.deadLetterQueueRecords().get(0).headers();
    assertThat(header(h, Topics.DLQ_HEADER_REASON)).isEqualTo("processing");
    assertThat(header(h, Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CREDENTIALS_ISSUED.name());
    assertThat(header(h, Topics.DLQ_HEADER_SOURCE_PARTITION)).isEqualTo("5");
    assertThat(header(h, Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("99");
    assertThat(h.headers(Topics.DLQ_HEADER_SOURCE_OFFSET)).hasSize(1);
  }

  @Test
  void sourceStampOnAnInputRecord_isIgnored() {
    Headers forged = DeadLetters.stamped(new RecordHeaders(), new DeadLetters.Source("elsewhere", 9, 9L));

    DeadLetters.Source source = DeadLetters.Source.of(forged, Topics.POLICY.name(), 1, 42L);

    assertThat(source).isEqualTo(new DeadLetters.Source(Topics.POLICY.name(), 1, 42L));
  }

  @Test
  void damagedSourceStamp_fallsBackToTheCurrentCoordinates() {
    Headers forged = new RecordHeaders();
    forged.add(Topics.DLQ_HEADER_SOURCE_TOPIC, "x".getBytes(StandardCharsets.UTF_8));
    forged.add(Topics.DLQ_HEADER_SOURCE_PARTITION, "not a number".getBytes(StandardCharsets.UTF_8));
    forged.add(Topics.DLQ_HEADER_SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));

    DeadLetters.Source source = DeadLetters.Source.of(forged, "repartition", 2, 3L);

    assertThat(source).isEqualTo(new DeadLetters.Source("repartition", 2, 3L));
  }

  /** The context of a record at {@code internal-repartition-topic} partition 2, offset 3. */
  private record Context(Headers stamped) implements ErrorHandlerContext {
    @Override
    public String topic() {
      return "internal-repartition-topic";
    }

    @Override
    public int partition() {
      return 2;
    }

    @Override
    public long offset() {
      return 3;
    }

    @Override
    public Headers headers() {
      return stamped == null ? new RecordHeaders() : stamped;
    }

    @Override
    public String processorNodeId() {
      return "route-credentials";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(1, 2);
    }

    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public byte[] sourceRawKey() {
      return KEY;
    }

    @Override
    public byte[] sourceRawValue() {
      return VALUE;
    }
  }
}
