package dev.baton.embedded.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

class EmbeddedStackExtensionTest {

  @Test
  void unitTestTakingAStack_failsWithAHintToNameItIT_beforeStartingAnything() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NeedsStack.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("name it *IT")))));
  }

  /** Run only through the test kit above (surefire skips nested classes). */
  @ExtendWith(EmbeddedStackExtension.class)
  static class NeedsStack {
    @Test
    void usesStack(EmbeddedStack stack) {
      stack.kafka();
    }
  }
}
