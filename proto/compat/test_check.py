"""The comparator against real protoc output: the released schema itself,
an addition (must pass) and deliberately broken copies (must fail)."""

import pathlib
import subprocess
import sys

import pytest

import check

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROTO = ROOT / "proto" / "newswire" / "v1" / "wire.proto"
RELEASED = ROOT / "proto" / "released" / "newswire.v1.binpb"


def descriptor(tmp_path, text):
    src = tmp_path / "src" / "newswire" / "v1"
    src.mkdir(parents=True)
    (src / "wire.proto").write_text(text)
    out = tmp_path / "set.binpb"
    subprocess.run(["protoc", f"-I{tmp_path / 'src'}", "--include_imports",
                    f"--descriptor_set_out={out}", "newswire/v1/wire.proto"],
                   check=True)
    return check.load(out)


def edited(old, new):
    text = PROTO.read_text()
    assert old in text, f"fixture out of date: {old!r} not in wire.proto"
    return text.replace(old, new, 1)


def test_current_proto_is_compatible_with_released():
    assert check.compare(check.load(RELEASED), descriptor_of_current()) == []


def descriptor_of_current():
    out = subprocess.run(["protoc", f"-I{ROOT / 'proto'}", "--include_imports",
                          "--descriptor_set_out=/dev/stdout",
                          "newswire/v1/wire.proto"],
                         check=True, capture_output=True).stdout
    from google.protobuf import descriptor_pb2
    fds = descriptor_pb2.FileDescriptorSet()
    fds.ParseFromString(out)
    return fds


def test_adding_fields_messages_and_values_passes(tmp_path):
    text = edited("  repeated string credits = 30;\n",
                  "  repeated string credits = 30;\n  string new_field = 31;\n")
    text = text.replace("  UPDATE = 4;\n", "  UPDATE = 4;\n  RETRACTION = 5;\n")
    text += "\nmessage Brand { string name = 1; }\n"
    assert check.compare(check.load(RELEASED), descriptor(tmp_path, text)) == []


@pytest.mark.parametrize("old,new,expected", [
    ("  string headline = 5;\n", "", "Article.headline = 5 removed"),
    ("  string headline = 5;\n", "  string headline = 35;\n",
     "Article.headline renumbered 5 -> 35"),
    ("  int32 version = 4;\n", "  int64 version = 4;\n",
     "changed type: singular TYPE_INT32 -> singular TYPE_INT64"),
    ("  repeated string credits = 30;\n", "  string credits = 30;\n",
     "changed type: repeated TYPE_STRING -> singular TYPE_STRING"),
    ("  Sentiment sentiment = 4;\n  google", "  Entity sentiment = 4;\n  google",
     "changed type"),
    ("  double score = 1;\n", "  double polarity = 1;\n",
     "renamed score -> polarity"),
    ("  PUB_STATUS_CANCELED = 3;\n", "  PUB_STATUS_CANCELED = 4;\n",
     "PUB_STATUS_CANCELED renumbered 3 -> 4"),
    ("  NEAR_DUPLICATE = 3;\n", "", "Verdict.NEAR_DUPLICATE = 3 removed"),
])
def test_breaking_changes_fail(tmp_path, old, new, expected):
    problems = check.compare(check.load(RELEASED),
                             descriptor(tmp_path, edited(old, new)))
    assert any(expected in p for p in problems), problems


def test_removed_message_fails(tmp_path):
    text = PROTO.read_text()
    start = text.index("// Topic wire.dlq")
    problems = check.compare(check.load(RELEASED),
                             descriptor(tmp_path, text[:start]))
    assert "message .newswire.v1.DeadLetter removed" in problems


def test_command_line_exit_codes(tmp_path):
    broken = tmp_path / "broken.binpb"
    fds = descriptor(tmp_path, edited("  string headline = 5;\n", ""))
    broken.write_bytes(fds.SerializeToString())
    ok = subprocess.run([sys.executable, check.__file__, str(RELEASED), str(RELEASED)])
    bad = subprocess.run([sys.executable, check.__file__, str(RELEASED), str(broken)])
    assert ok.returncode == 0
    assert bad.returncode == 1
