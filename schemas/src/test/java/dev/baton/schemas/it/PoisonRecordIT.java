package dev.baton.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Samples;
import dev.baton.schemas.Topics;
import dev.baton.schemas.serde.AvroDeserializer;
import dev.baton.schemas.serde.SerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A poison record on a real broker: the consumer sees topic, partition and offset (Kafka's
 * RecordDeserializationException around our SerializationException) and can seek past it.
 */
@ExtendWith(EmbeddedStackExtension.class)
class PoisonRecordIT {

  @Test
  void poisonRecord_namesTopicPartitionOffsetAndCause_andConsumerSeeksPastIt(EmbeddedStack stack) throws Exception {
    String topic = "it-poison-" + UUID.randomUUID().toString().substring(0, 8);
    stack.kafka().admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    Serde<GeoPolicy> policies = Topics.POLICY.valueSerde(serde);
    byte[] good = policies.serializer().serialize(topic, Samples.geoPolicy());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "a", good)).get();
      producer.send(new ProducerRecord<>(topic, "b", "garbage".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(topic, "c", good)).get();
    }

    List<String> keys = new ArrayList<>();
    RecordDeserializationException poison = null;
    try (KafkaConsumer<String, GeoPolicy> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, topic + "-group",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), policies.deserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (keys.size() < 2 && System.nanoTime() < deadline) {
        try {
          for (ConsumerRecord<String, GeoPolicy> r : consumer.poll(Duration.ofMillis(500))) {
            assertThat(r.value()).isEqualTo(Samples.geoPolicy());
            keys.add(r.key());
          }
        } catch (RecordDeserializationException e) {
          poison = e;
          consumer.seek(e.topicPartition(), e.offset() + 1); // dead-letter it in real code, then go on
        }
      }
    }

    assertThat(keys).containsExactly("a", "c");
    assertThat(poison).as("the consumer reported the poison record").isNotNull();
    assertThat(poison.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
    assertThat(poison.offset()).isEqualTo(1L);
    assertThat(poison.getMessage()).contains(topic + "-0").contains("offset 1");
    assertThat(poison.getCause()).isInstanceOf(SerializationException.class)
        .hasMessage("topic " + topic + ": unknown magic byte 103 (expected 0, the Confluent wire format)");
    assertThat(AvroDeserializer.isRegistryUnavailable(poison)).isFalse();
  }
}
