"""Reading responses: the confidence a later version of the API adds to programs."""

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, wrappers_pb2

from gemfill import results
from gemfill._stubs import pb

FieldProto = descriptor_pb2.FieldDescriptorProto


def message_class_with_confidence(kind: str):
    """A Program-like message type whose `confidence` field is declared as `kind`:
    "optional" (proto3 optional double), "wrapper" (google.protobuf.DoubleValue) or
    "plain" (a proto3 double without presence)."""
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(wrappers_pb2.DESCRIPTOR.serialized_pb)
    file = descriptor_pb2.FileDescriptorProto(
        name=f"later_{kind}.proto",
        package=f"later.{kind}",
        syntax="proto3",
        dependency=["google/protobuf/wrappers.proto"],
    )
    message = file.message_type.add(name="Program")
    message.field.add(
        name="text", number=1, type=FieldProto.TYPE_STRING, label=FieldProto.LABEL_OPTIONAL
    )
    confidence = message.field.add(name="confidence", number=9, label=FieldProto.LABEL_OPTIONAL)
    if kind == "wrapper":
        confidence.type = FieldProto.TYPE_MESSAGE
        confidence.type_name = ".google.protobuf.DoubleValue"
    else:
        confidence.type = FieldProto.TYPE_DOUBLE
    if kind == "optional":
        confidence.proto3_optional = True
        confidence.oneof_index = 0
        message.oneof_decl.add(name="_confidence")
    pool.Add(file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"later.{kind}.Program"))


def test_no_confidence_field_reads_as_none():
    assert "confidence" not in pb.Program.DESCRIPTOR.fields_by_name
    assert results.reported_confidence(pb.Program(text="x")) is None
    assert results.program(pb.Program(text="x")).confidence is None


@pytest.mark.parametrize("kind", ["optional", "wrapper"])
def test_a_confidence_field_with_presence_is_read_when_set(kind):
    Program = message_class_with_confidence(kind)
    assert results.reported_confidence(Program(text="x")) is None
    if kind == "wrapper":
        message = Program(text="x", confidence={"value": 0.25})
    else:
        message = Program(text="x", confidence=0.25)
    assert results.reported_confidence(message) == 0.25
    # Set to zero is still reported: presence, not the value, says whether it was sent.
    zero = Program(text="x")
    if kind == "wrapper":
        zero.confidence.SetInParent()
    else:
        zero.confidence = 0.0
    assert results.reported_confidence(zero) == 0.0


def test_a_plain_confidence_field_is_read_as_sent():
    Program = message_class_with_confidence("plain")
    assert results.reported_confidence(Program(text="x", confidence=0.9)) == 0.9
    assert results.reported_confidence(Program(text="x")) == 0.0


def test_result_confidence_is_the_best_programs_when_the_response_has_none():
    response = pb.SynthesizeResponse(programs=[pb.Program(text="x")])
    assert results.synthesis(response).confidence is None
