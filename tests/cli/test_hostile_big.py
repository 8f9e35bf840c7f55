"""Black-box runs of mimetool on the big hostile shapes, generated at test time by
testdata/hostile/hostile.py (too big to commit): deep nesting, 100,000 parts, a 50 MB header
line, a million header fields, a 5,000-character boundary, 10,000 encoded-words, 10,000 RFC 2231
pieces and 10,000-character names. Each command must finish in bounded time and memory with
the documented exit status and warning, and explode must stay inside its output folder.
"""
import json
import os
import shutil
import tempfile
import unittest

from test_hostile import EXIT_DATA, EXIT_OK, HostileCase, hostile


class HostileBig(HostileCase):
    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="mimetool-hostile-big-")
        cls.files = {}
        for name, make in hostile.BIG.items():
            path = os.path.join(cls.data, name)
            with open(path, "wb") as f:
                f.write(make())
            cls.files[name] = path

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.data, ignore_errors=True)

    def test_every_shape_is_handled_by_every_command(self):
        for name, path in sorted(self.files.items()):
            with self.subTest(name=name):
                self.all_commands(path)

    def test_multiparts_nested_100000_deep_stop_at_depth_100(self):
        path = self.files["deep-multipart-100000.eml"]
        r = self.bounded("tree", "--json", path)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertIn("nesting_too_deep", r.err)
        self.assertEqual(len(json.loads(r.stdout)["parts"]), 101)
        r = self.bounded("tree", "--strict", path)
        self.assertEqual(r.returncode, EXIT_DATA)
        self.assertIn("nesting_too_deep", r.err)
        r, names = self.explode_contained(path)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])

    def test_messages_nested_10000_deep_stop_at_depth_100(self):
        path = self.files["deep-rfc822-10000.eml"]
        r = self.bounded("tree", path)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertIn("nesting_too_deep", r.err)
        r, names = self.explode_contained(path)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])

    def test_hundred_thousand_parts_are_exploded_up_to_the_part_limit(self):
        path = self.files["many-parts-100000.eml"]
        r = self.bounded("tree", path)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertIn("too_many_parts", r.err)
        # Writing 100,000 files is file-system bound: 20 s on an idle machine, several times that
        # on a busy one.
        r, names = self.explode_contained(path, timeout=900)
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        # 99,999 body parts within the limit of 100,000 entities, every one under its own name.
        self.assertEqual(len(names), len(set(names)))
        self.assertGreaterEqual(len(names), 99999)

    def test_fifty_megabyte_header_line_is_printed_whole(self):
        r = self.bounded("headers", self.files["long-header-line-50mb.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertGreaterEqual(r.stdout.count(b"a"), 50 << 20)

    def test_million_header_fields_stop_at_the_field_limit(self):
        r = self.bounded("tree", self.files["million-fields.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertIn("header_limit_exceeded", r.err)
        r = self.bounded("headers", "--strict", self.files["million-fields.eml"])
        self.assertEqual(r.returncode, EXIT_DATA)

    def test_five_thousand_character_boundary_delimits_its_parts(self):
        r = self.bounded("tree", "--json", self.files["long-boundary-5000.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertEqual(len(json.loads(r.stdout)["parts"]), 3)

    def test_ten_thousand_encoded_words_decode_in_headers(self):
        r = self.bounded("headers", self.files["encoded-words-10000.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertEqual(r.stdout.decode("utf-8").count("caf\u00e9\u00e9"), 5000)

    def test_rfc2231_name_in_10000_pieces_is_cut_to_255_bytes(self):
        r, names = self.explode_contained(self.files["rfc2231-10000-pieces.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertEqual(len(names), 1)
        self.assertTrue(names[0].startswith("\u00e9" * 100), names[0][:20])
        self.assertLessEqual(len(os.fsencode(names[0])), 255)

    def test_ten_thousand_character_names_are_cut_to_255_bytes(self):
        r, names = self.explode_contained(self.files["long-names.eml"])
        self.assertEqual(r.returncode, EXIT_OK, r.err[-1000:])
        self.assertEqual(len(names), 4)
        for n in names:
            self.assertLessEqual(len(os.fsencode(n)), 255, n[:20])


if __name__ == "__main__":
    unittest.main()
