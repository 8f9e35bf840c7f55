"""mimetool over every message of the shared corpus (messages from other parsers' test suites).

The corpus lives outside the repository (MIMETOOL_CORPUS_DIR); the tests say so and skip when it
is absent.
"""
import concurrent.futures
import csv
import email
import email.policy
import hashlib
import json
import os
import shutil
import tempfile
import unittest

from cli_support import CORPUS, CliTestCase, run

INDEX = os.path.join(CORPUS, "index.tsv")
WORKERS = max(2, os.cpu_count() or 2)


def corpus_messages(feature_filter=None):
    with open(INDEX, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["role"] in ("message", "expected-message")]
    if feature_filter:
        rows = [r for r in rows if feature_filter(set(r["features"].split(",")))]
    return [os.path.join(CORPUS, r["path"]) for r in rows]


def parallel(fn, items):
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(fn, items))


@unittest.skipUnless(os.path.exists(INDEX), f"corpus absent: {INDEX} not found (set MIMETOOL_CORPUS_DIR)")
class Corpus(CliTestCase):
    def test_cat_raw_of_whole_message_equals_input_for_every_corpus_message(self):
        paths = corpus_messages()
        self.assertGreater(len(paths), 1000)

        def check(path):
            proc = run("cat", "--raw", path, "")
            with open(path, "rb") as f:
                same = proc.stdout == f.read()
            return None if proc.returncode == 0 and same else (path, proc.returncode, same)

        failures = [r for r in parallel(check, paths) if r]
        self.assertEqual(failures, [])

    def test_every_corpus_message_explodes_into_files_matching_its_manifest(self):
        paths = corpus_messages()

        def check(path):
            out = tempfile.mkdtemp(prefix="mimetool-corpus-", dir=self.tmp)
            try:
                proc = run("explode", "--json", "-o", out, path)
                if proc.returncode != 0:
                    return (path, "exit", proc.returncode, proc.stderr[-300:])
                manifest = json.loads(proc.stdout)
                problems = []
                from cli_support import schema_errors
                problems += schema_errors(manifest)
                expected_files = set()
                for part in manifest["parts"]:
                    entries = [part] + part.get("uuencoded", [])
                    for e in entries:
                        if "file" not in e:
                            continue
                        expected_files.add(e["file"])
                        with open(os.path.join(out, e["file"]), "rb") as f:
                            data = f.read()
                        if len(data) != e["size"] or hashlib.sha256(data).hexdigest() != e["sha256"]:
                            problems.append(f"{e['file']}: size/sha256 differ from the manifest")
                written = set()
                for root, _, files in os.walk(out):
                    written |= {os.path.relpath(os.path.join(root, f), out) for f in files}
                if written != expected_files:
                    problems.append(f"files {sorted(written ^ expected_files)[:5]} not matching the manifest")
                return (path, problems) if problems else None
            finally:
                shutil.rmtree(out, ignore_errors=True)

        failures = [r for r in parallel(check, paths) if r]
        self.assertEqual(failures, [])

    def test_base64_attachments_match_python_email_decoding(self):
        # Messages with attachments where neither Python's parser nor ours reports a defect: both
        # readings agree on the structure, so every base64 part must decode to the same bytes.
        paths = corpus_messages(lambda f: "attachment" in f and "defects" not in f)
        self.assertTrue(paths)

        def check(path):
            proc = run("tree", "--json", path)
            if proc.returncode != 0:
                return (path, "exit", proc.returncode)
            manifest = json.loads(proc.stdout)
            if manifest["warnings"]:
                return None  # a defect we see and Python does not: the structures may differ
            by_path = {p["path"]: p for p in manifest["parts"]}
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.compat32)
            problems, counted = [], 0
            if not msg.is_multipart():
                return None
            stack = [(msg, "")]
            while stack:  # multiparts only; encapsulated messages are covered by the tests above
                part, p = stack.pop()
                if part.get_content_maintype() == "message":
                    continue
                if part.is_multipart():
                    stack += [(sub, f"{p}.{i}" if p else str(i)) for i, sub in enumerate(part.get_payload(), 1)]
                    continue
                # Python's compat32 get_payload() decodes only when the field is exactly "base64"
                # (it does not strip "base64 "), so compare just those parts.
                if str(part.get("Content-Transfer-Encoding", "")).lower() != "base64":
                    continue
                entry = by_path.get(p)
                expected = hashlib.sha256(part.get_payload(decode=True)).hexdigest()
                if entry is None or entry.get("sha256") != expected:
                    problems.append(p)
            return (path, problems) if problems else None

        failures = [r for r in parallel(check, paths) if r]
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
