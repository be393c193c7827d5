/** An in-process Kafka broker and schema registry for tests and the demo. */
package dev.baton.embedded;
