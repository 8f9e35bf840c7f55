"""Shared helpers for the black-box tests of the mimetool binary.

Environment (set by ctest): MIMETOOL (the binary), MIMETOOL_TESTDATA_DIR, MIMETOOL_CORPUS_DIR,
MIMETOOL_SOURCE_DIR.
"""
import json
import os
import re
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("MIMETOOL_SOURCE_DIR", os.path.normpath(os.path.join(HERE, "..", "..")))
TESTDATA = os.environ.get("MIMETOOL_TESTDATA_DIR", os.path.join(SOURCE_DIR, "testdata"))
CORPUS = os.environ.get("MIMETOOL_CORPUS_DIR", os.path.join(SOURCE_DIR, "..", "shared", "corpus"))
MIMETOOL = os.environ.get("MIMETOOL", os.path.join(SOURCE_DIR, "build", "cli", "mimetool"))
SCHEMA_PATH = os.path.join(SOURCE_DIR, "docs", "manifest.schema.json")

with open(SCHEMA_PATH, encoding="utf-8") as _f:
    SCHEMA = json.load(_f)


def message_path(*parts):
    """Path of a sample under testdata/messages."""
    return os.path.join(TESTDATA, "messages", *parts)


def run(*args, stdin=None, cwd=None, env=None, unprivileged=False):
    """Runs mimetool; returns the CompletedProcess (bytes stdout/stderr).

    unprivileged: when the tests run as root (containers), run the binary as "nobody" so that file
    permissions apply to it."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    preexec = None
    if unprivileged and os.geteuid() == 0:
        def preexec():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
    return subprocess.run([MIMETOOL, *args], input=stdin, capture_output=True, cwd=cwd, env=full_env, timeout=120,
                          preexec_fn=preexec)


def stderr_lines(proc):
    return [l for l in proc.stderr.decode("utf-8", "replace").splitlines() if l]


# --- a small JSON Schema (draft 2020-12) validator for the keywords our schema uses -----------

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_KNOWN = {"$schema", "$id", "title", "description", "type", "properties", "required", "additionalProperties",
          "items", "enum", "pattern", "minimum", "minLength", "$ref", "$defs", "dependentRequired"}


def _resolve(ref):
    assert ref.startswith("#/"), ref
    node = SCHEMA
    for key in ref[2:].split("/"):
        node = node[key]
    return node


def schema_errors(value, schema=None, where="$"):
    """Returns a list of violations of the manifest schema (empty when valid)."""
    schema = SCHEMA if schema is None else schema
    unknown = set(schema) - _KNOWN
    if unknown:
        raise AssertionError(f"validator does not support schema keywords {unknown}")
    errs = []
    if "$ref" in schema:
        errs += schema_errors(value, _resolve(schema["$ref"]), where)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return errs + [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errs.append(f"{where}: {value!r} does not match {schema['pattern']}")
        if "minLength" in schema and len(value) < schema["minLength"]:
            errs.append(f"{where}: {value!r} shorter than {schema['minLength']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in schema:
        if value < schema["minimum"]:
            errs.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errs.append(f"{where}: missing {key!r}")
        props = schema.get("properties", {})
        for key, sub in value.items():
            if key in props:
                errs += schema_errors(sub, props[key], f"{where}.{key}")
            elif schema.get("additionalProperties", True) is False:
                errs.append(f"{where}: unexpected key {key!r}")
        for key, needed in schema.get("dependentRequired", {}).items():
            if key in value:
                errs += [f"{where}: {key!r} requires {n!r}" for n in needed if n not in value]
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errs += schema_errors(item, schema["items"], f"{where}[{i}]")
    return errs


try:  # a second opinion when the jsonschema package happens to be installed
    import jsonschema as _jsonschema
    _VALIDATOR = _jsonschema.Draft202012Validator(SCHEMA)
except Exception:  # pragma: no cover - optional
    _VALIDATOR = None


class CliTestCase(unittest.TestCase):
    """Base class: a fresh temporary folder per test, and manifest assertions."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="mimetool-cli-")
        self.tmp = self._tmp.name

    def tearDown(self):
        # Restore permissions changed by a test so that the folder can be removed.
        for root, dirs, _ in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        os.chmod(self.tmp, 0o755)
        self._tmp.cleanup()

    def open_up(self):
        """Makes the test folder readable by other users (for unprivileged runs as root)."""
        os.chmod(self.tmp, 0o755)
        for root, dirs, files in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), os.stat(os.path.join(root, d)).st_mode | 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), os.stat(os.path.join(root, f)).st_mode | 0o444)

    def write_file(self, name, data):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def assertValidManifest(self, manifest, with_files):
        errs = schema_errors(manifest)
        self.assertEqual(errs, [], "manifest violates docs/manifest.schema.json")
        if _VALIDATOR is not None:
            self.assertEqual([e.message for e in _VALIDATOR.iter_errors(manifest)], [])
        for part in manifest["parts"]:
            if with_files and "size" in part:
                self.assertIn("file", part, part["path"])
            if not with_files:
                self.assertNotIn("file", part, part["path"])

    def assertOk(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))

    def list_files(self, folder):
        """Every file below folder, as paths relative to it."""
        out = []
        for root, _, files in os.walk(folder):
            for f in files:
                out.append(os.path.relpath(os.path.join(root, f), folder))
        return sorted(out)


def mime_message(parts, boundary="b0undary", headers=None):
    """Builds a multipart/mixed message (bytes). parts: list of (header-lines, body-bytes)."""
    head = headers or ["From: Ann <ann@example.org>", "To: bob@example.org", "Subject: test",
                       "Date: Tue, 01 Sep 2020 10:00:00 +0200", "Message-ID: <t1@example.org>"]
    out = "\r\n".join(head + ["MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{boundary}"', "", ""])
    data = out.encode("utf-8")
    for hdrs, body in parts:
        data += f"--{boundary}\r\n".encode() + "\r\n".join(hdrs).encode("utf-8") + b"\r\n\r\n"
        data += body if isinstance(body, bytes) else body.encode("utf-8")
        data += b"\r\n"
    data += f"--{boundary}--\r\n".encode()
    return data


def b64_part(filename_param, payload, ctype="application/octet-stream"):
    """A base64 attachment part with a raw filename parameter (already quoted/encoded as wanted)."""
    import base64
    return ([f"Content-Type: {ctype}", f"Content-Disposition: attachment; filename={filename_param}",
             "Content-Transfer-Encoding: base64"], base64.encodebytes(payload).decode().replace("\n", "\r\n"))
