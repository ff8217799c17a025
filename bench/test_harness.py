"""Unit tests of the harness's pure parts: `python3 -m unittest discover -s bench`."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gendocs  # noqa: E402
import lspbench  # noqa: E402
import report  # noqa: E402
import shapes  # noqa: E402
import transport_floor  # noqa: E402


class GenDocs(unittest.TestCase):
    def test_quiet_documents_have_no_example_domains_or_http(self):
        q = gendocs.generate(20_000, quiet=True)
        self.assertNotIn("example", q)
        self.assertNotIn("http://", q.lower())
        # the same document otherwise: same number of lines
        self.assertEqual(q.count("\n"), gendocs.generate(20_000).count("\n"))

    def test_deterministic_ascii_and_sized(self):
        a = gendocs.generate(10_000)
        self.assertEqual(a, gendocs.generate(10_000))
        a.encode("ascii")
        self.assertGreaterEqual(len(a), 10_000)
        self.assertLess(len(a), 12_000)
        self.assertTrue(a.endswith("\n") and not a.endswith("\n\n"))

    def test_contains_what_the_issue_asks_for(self):
        t = gendocs.generate(100_000)
        for needle in ("# Security Policy", "\n## ", "\n### ", "\n#### ", "Last Updated: 2024-01-15",
                       "http://", "https://", "@", "| Version |", "\n- ", "\n1. ", "```", "\n# "):
            self.assertIn(needle, t, needle)


class Edits(unittest.TestCase):
    def test_plan_is_deterministic_and_in_bounds(self):
        text = gendocs.generate(10_000)
        edits = lspbench.plan_edits(text, 50)
        self.assertEqual(edits, lspbench.plan_edits(text, 50))
        lens = [len(x) for x in text.split("\n")]
        for i, (line, col) in enumerate(edits):
            self.assertLess(line, len(lens))
            self.assertLessEqual(col, lens[line])
            if i % 2 == 0:
                self.assertEqual(col, 0)
            lens[line] += 1

    def test_percentile(self):
        xs = list(range(1, 51))
        self.assertEqual(lspbench.pct(xs, 95), 48)
        self.assertEqual(lspbench.pct(xs, 50), 25)
        self.assertEqual(lspbench.pct([3.0], 95), 3.0)


class Report(unittest.TestCase):
    def test_targets_pass_and_miss(self):
        res = {
            "mode": "full",
            "machine": {"nproc": "2", "cpu": "x", "kernel": "k", "date": "d",
                        "loadavg_start": [1, 1, 1], "loadavg_end": [1, 1, 1]},
            "config": {"lsp_sizes": ["10k", "1m"], "mem_lsp": {"1m": ["1m"]}, "edits": 50},
            "docs": {"10k": 10000, "1m": 1000000},
            "lsp": {
                "secmd": {"10k": {"open_s": 0.01, "median_s": 0.002, "p95_s": 0.003},
                          "1m": {"open_s": 0.5, "median_s": 0.05, "p95_s": 0.06}},
                "rumdl": {"10k": {"open_s": 0.02, "median_s": 0.004, "p95_s": 0.005},
                          "1m": {"open_s": 0.4, "median_s": 0.2, "p95_s": 0.3}},
            },
            "cli": {"10k": {"secmd": {"median_s": 0.01}, "rumdl": {"median_s": 0.02},
                            "ts-floor": {"median_s": 0.01}, "input": "10000 bytes"}},
            "mem_lsp": {"secmd": {"1m": {"idle_rss_kb": 10240, "hwm_kb": 10240 + 50 * 1024,
                                         "open_bytes": 1_000_000}}},
        }
        r = report.Report(res, {}, "bench/run")
        text = r.render()
        rows = {name: ok for name, _v, _g, ok, _n in r.targets}
        self.assertTrue(rows["LSP edit → diagnostics, 10 KB: secmd ÷ rumdl (median)"])
        self.assertFalse(rows["LSP edit → diagnostics, 1 MB: secmd ÷ rumdl (median)"])  # 0.25 > 0.1
        self.assertFalse(rows["LSP didOpen → first diagnostics, 1 MB: secmd ÷ rumdl"])
        self.assertTrue(rows["CLI check, one 10 KB policy: secmd ÷ rumdl"])
        self.assertTrue(rows["LSP peak RSS beyond idle per open MB, 1MB open (MB/MB)"])
        self.assertIsNone(rows["CLI check, whole corpus: secmd ÷ rumdl"])
        self.assertIn("| **miss** |", text)
        self.assertIn("| n/a |", text)



class Floor(unittest.TestCase):
    def test_publish_is_valid_json_of_the_asked_size(self):
        import json
        body = transport_floor.publish("file:///w/SECURITY.md", 7, 50_000)
        self.assertEqual(len(body), 50_000)
        msg = json.loads(body)
        self.assertEqual(msg["method"], "textDocument/publishDiagnostics")
        self.assertEqual(msg["params"]["version"], 7)
        self.assertEqual(msg["params"]["diagnostics"], [])

    def test_render_shows_the_floor_beside_secmd(self):
        res = {"date": "d", "nproc": 2, "loadavg_start": [0.0, 0.0, 0.0], "edits": 3,
               "open_timeout": 60, "edit_timeout": 20, "sizes": ["1m", "10m"], "shapes": ["faq"],
               "servers": ["secmd", "floor"],
               "results": {"faq": {
                   "secmd": {"1m": {"open_s": 0.2, "edit_s": 0.002}, "10m": {"open_s": 2.0, "edit_s": 0.006}},
                   "floor": {"1m": {"edit_s": 0.001}, "10m": {"edit_s": 0.004}}}}}
        rows = [line for line in shapes.render(res).splitlines() if line.startswith("|")]
        self.assertEqual(rows[0], "| shape | size | secmd didOpen | secmd edit | secmd growth "
                                  "| floor edit | floor growth |")
        self.assertTrue(rows[2].endswith("| 1m | 200 ms | 2.0 ms |  | 1.0 ms |  |"), rows[2])
        self.assertEqual(rows[3], "|  | 10m | 2.00 s | 6.0 ms | 3.00 | 4.0 ms | 4.00 |")


if __name__ == "__main__":
    unittest.main()
