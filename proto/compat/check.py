#!/usr/bin/env python3
"""Fails when proto/ breaks subscribers of the last released schema.

    check.py RELEASED.binpb CURRENT.binpb

Both are FileDescriptorSets (protoc --descriptor_set_out --include_imports).
For every message and enum of the released set (google/ files excluded) the
current set must still have it, and every released field must still exist
with the same number, name, type (message/enum type included) and label
(singular / repeated / map); every released enum value must keep its number.
New messages, fields and values are fine. Prints one line per break and exits
1 if there is any.
"""

import sys

from google.protobuf import descriptor_pb2

FDP = descriptor_pb2.FieldDescriptorProto


def load(path):
    fds = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        fds.ParseFromString(f.read())
    return fds


def index(fds):
    """Full name -> DescriptorProto / EnumDescriptorProto, own files only."""
    messages, enums = {}, {}

    def walk(prefix, msgs, ens):
        for e in ens:
            enums[f"{prefix}.{e.name}"] = e
        for m in msgs:
            name = f"{prefix}.{m.name}"
            messages[name] = m
            walk(name, m.nested_type, m.enum_type)

    for f in fds.file:
        if f.name.startswith("google/"):
            continue
        walk("." + f.package if f.package else "", f.message_type, f.enum_type)
    return messages, enums


def field_kind(f):
    """A comparable description of what is on the wire for field f."""
    label = "repeated" if f.label == FDP.LABEL_REPEATED else "singular"
    type_name = FDP.Type.Name(f.type)
    if f.type in (FDP.TYPE_MESSAGE, FDP.TYPE_ENUM):
        type_name += " " + f.type_name
    return f"{label} {type_name}"


def compare(released, current):
    problems = []
    old_msgs, old_enums = index(released)
    new_msgs, new_enums = index(current)
    for name, old in old_msgs.items():
        new = new_msgs.get(name)
        if new is None:
            problems.append(f"message {name} removed")
            continue
        by_number = {f.number: f for f in new.field}
        by_name = {f.name: f for f in new.field}
        for f in old.field:
            n = by_number.get(f.number)
            if n is None:
                moved = by_name.get(f.name)
                if moved is not None:
                    problems.append(f"field {name}.{f.name} renumbered "
                                    f"{f.number} -> {moved.number}")
                else:
                    problems.append(f"field {name}.{f.name} = {f.number} removed")
                continue
            if n.name != f.name:
                problems.append(f"field {name} #{f.number} renamed "
                                f"{f.name} -> {n.name}")
            if field_kind(n) != field_kind(f):
                problems.append(f"field {name}.{f.name} = {f.number} changed "
                                f"type: {field_kind(f)} -> {field_kind(n)}")
            if f.HasField("oneof_index") != n.HasField("oneof_index"):
                problems.append(f"field {name}.{f.name} moved in or out of a oneof")
    for name, old in old_enums.items():
        new = new_enums.get(name)
        if new is None:
            problems.append(f"enum {name} removed")
            continue
        values = {v.name: v.number for v in new.value}
        for v in old.value:
            if v.name not in values:
                problems.append(f"enum value {name}.{v.name} = {v.number} removed")
            elif values[v.name] != v.number:
                problems.append(f"enum value {name}.{v.name} renumbered "
                                f"{v.number} -> {values[v.name]}")
    return problems


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = compare(load(argv[1]), load(argv[2]))
    for p in problems:
        print(f"proto-compat: BREAKING: {p}")
    if problems:
        print(f"proto-compat: {len(problems)} breaking change(s) against "
              f"{argv[1]}")
        return 1
    print(f"proto-compat: compatible with {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
