package dev.baton.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class TopicCreatorIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void ensure_createsMissingTopicsAsDescribed_andLeavesExistingOnesAlone(EmbeddedStack stack) throws Exception {
    NewTopic region = Topics.region("topic-creator-it").newTopic((short) 1);
    NewTopic plain = new NewTopic("topic-creator-it.plain", 2, (short) 1);

    assertThat(TopicCreator.ensure(stack.kafka().admin(), List.of(region, plain), TIMEOUT))
        .containsExactlyInAnyOrder(region.name(), plain.name());
    assertThat(TopicCreator.ensure(stack.kafka().admin(), List.of(region, plain), TIMEOUT)).isEmpty();

    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, region.name());
    Map<ConfigResource, Config> configs =
        stack.kafka().admin().describeConfigs(List.of(resource)).all().get();
    assertThat(configs.get(resource).get("cleanup.policy").value()).isEqualTo("compact");
  }

  @Test
  void ensure_refusedTopic_namesTopicAndCause(EmbeddedStack stack) {
    NewTopic invalid = new NewTopic("topic-creator-it.bad", 1, (short) 1).configs(Map.of("cleanup.policy", "sometimes"));
    assertThatThrownBy(
            () -> TopicCreator.ensure(stack.kafka().admin(), List.of(invalid), TIMEOUT))
        .isInstanceOf(TopicCreationException.class)
        .hasMessageContaining("topic-creator-it.bad");
  }
}
