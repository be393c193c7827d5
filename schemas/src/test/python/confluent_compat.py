#!/usr/bin/python3
"""Confluent's own Avro serializer, as a witness for Baton's Java serde (ConfluentCompatibilityIT).

Uses confluent_kafka.avro (Debian python3-confluent-kafka, with python3-avro) against the same
schema registry as the Java side. Reads one JSON request on stdin, writes one JSON answer on stdout:

request:  {"registry": URL,
           "messages": [{"hex": HEX, "topic": TOPIC}, ...],       # Java-written records
           "native_geo_policy_schema_id": ID}                      # optional
answer:   {"messages": [{"schema_id": ID,
                         "decoded": {...},         # what Confluent's deserializer read (JSON-safe)
                         "same_id_hex": HEX,       # Confluent re-encoding with the same schema id
                         "own_subject_id": ID,     # id Confluent registered under TOPIC + "-py-value"
                         "own_subject_hex": HEX}, ...],
           "native_geo_policy_hex": HEX}           # a GeoPolicy built here from Python literals

Exits non-zero with a message on stderr if confluent_kafka is missing: the IT must fail, not pass.
"""
import datetime
import json
import sys

try:
    from confluent_kafka.avro import CachedSchemaRegistryClient
    from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
except ImportError as e:  # pragma: no cover - the point is to fail loudly
    sys.stderr.write("confluent_kafka.avro is not importable (%s): apt-get install "
                     "python3-confluent-kafka python3-avro python3-requests\n" % e)
    sys.exit(3)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def json_safe(value):
    """Avro values as JSON: bytes as hex, timestamps as epoch millis."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        delta = value - EPOCH
        return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000
    return value


def main():
    request = json.load(sys.stdin)
    registry = CachedSchemaRegistryClient({"url": request["registry"]})
    serde = MessageSerializer(registry)
    answer = {"messages": []}
    for message in request["messages"]:
        raw = bytes.fromhex(message["hex"])
        schema_id = int.from_bytes(raw[1:5], "big")
        record = serde.decode_message(raw)
        same_id = serde.encode_record_with_schema_id(schema_id, record)
        schema = registry.get_by_id(schema_id)
        own = serde.encode_record_with_schema(message["topic"] + "-py", schema, record)
        answer["messages"].append({
            "schema_id": schema_id,
            "decoded": json_safe(record),
            "same_id_hex": same_id.hex(),
            "own_subject_id": int.from_bytes(own[1:5], "big"),
            "own_subject_hex": own.hex(),
        })
    native_id = request.get("native_geo_policy_schema_id")
    if native_id is not None:
        policy = {
            "certificateId": "py-cert",
            "regions": ["eu", "fips-tier1"],
            "version": 42,
            "updatedAt": datetime.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc),
        }
        answer["native_geo_policy_hex"] = serde.encode_record_with_schema_id(int(native_id), policy).hex()
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
