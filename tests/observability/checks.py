"""A tiny check recorder for the observability tests.

    c = Checks("live")
    c.check("consumed > 0", value > 0, f"value={value}")
    sys.exit(c.finish())   # prints "N passed, N failed", returns 0 or 1

Checks never skip: a missing tool or series is a failure.
"""
import sys


class Checks:
    def __init__(self, suite):
        self.suite = suite
        self.passed = 0
        self.failed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {self.suite}: {name}")
        else:
            self.failed.append(name)
            print(f"FAIL {self.suite}: {name}" + (f" -- {detail}" if detail else ""))
        sys.stdout.flush()
        return ok

    def finish(self):
        for name in self.failed:
            print(f"failed: {self.suite}: {name}")
        print(f"{self.suite}: {self.passed} passed, {len(self.failed)} failed")
        return 0 if not self.failed and self.passed > 0 else 1
