#!/usr/bin/env python3
"""Measures the precision of `kg tag` on labelled problems it was not tuned on.

    python3 data/curriculum/evaluate_tagging.py --kg .build/release/kg --shared ../shared/data [--dev]

The curriculum's keywords were written from the Common Core text, the dataset labels (TAL-SCQ5K
routes, CHAMP and MathScale names) and tuned on MATH *train* texts only (--dev reports that set).
The held-out sets below were not read while writing or tuning keywords:

  MATH test (5,000)            gold: the subject's competition domain (Prealgebra: arithmetic or word problems)
  OlympiadBench (675)          gold: the subfield's competition domain
  CollegeMath (2,818)          gold: the topic's college domain
  MathFish generated (rows teachers judged fully or partly aligned)  gold: the CCSS cluster of the standard the problem was written for
  TAL-SCQ5K EN, every 5th row  gold: its knowledge-point route labels; KPs from a knowledge base built without those rows

For areas, precision is micro-averaged over predicted areas (an area is right when it lies in
the gold domain, or is the gold cluster); "top-1" is the share of tagged problems whose best
area is right; "tagged" is the share of problems given any area. Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

MATH_DOMAINS = {
    "Algebra": {"COMP.ALG"}, "Intermediate Algebra": {"COMP.ALG"}, "Prealgebra": {"COMP.ARITH", "COMP.WORD"},
    "Geometry": {"COMP.GEO"}, "Number Theory": {"COMP.NT"}, "Counting & Probability": {"COMP.COMB"},
    "Precalculus": {"COMP.PRECALC"},
}
OLYMPIAD_DOMAINS = {"Algebra": {"COMP.ALG"}, "Combinatorics": {"COMP.COMB"}, "Geometry": {"COMP.GEO"}, "Number Theory": {"COMP.NT"}}
COLLEGE_DOMAINS = {
    "college_math.algebra": {"COL.ALG"}, "college_math.precalculus": {"COL.PRECALC"}, "college_math.calculus": {"COL.CALC"},
    "college_math.differential_equation": {"COL.DE"}, "college_math.linear_algebra": {"COL.LA"},
    "college_math.probability": {"COL.PROB"}, "college_math.vector_calculus": {"COL.VC"},
}


def domain_of(code):
    """COMP.NT.MOD -> COMP.NT; 6.RP.A -> 6.RP; A-SSE.B -> A-SSE."""
    parts = code.split(".")
    return ".".join(parts[:2]) if code.startswith(("COMP.", "COL.")) or code[0].isdigit() or code[0] == "K" else parts[0]


def cluster_of(standard):
    """6.RP.A.3 -> 6.RP.A, A-SSE.B.3 -> A-SSE.B."""
    parts = standard.split(".")
    return ".".join(parts[:3]) if standard[0].isdigit() or standard[0] == "K" else ".".join(parts[:2])


def band_of(standard):
    first = standard.split(".")[0]
    if first == "K":
        return "K"
    if first.isdigit():
        return "grade-" + first
    return "high-school"


def run_tag(kg, rows, args, db=None):
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "in.jsonl")
        with open(source, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        command = [kg, "tag", source, "-o", os.path.join(folder, "out.jsonl")] + args
        command += ["--db", db] if db else ["--no-kps"]
        subprocess.run(command, check=True, capture_output=True)
        with open(os.path.join(folder, "out.jsonl"), encoding="utf-8") as f:
            return [json.loads(line) for line in f]


class Score:
    def __init__(self):
        self.problems = self.tagged = self.predicted = self.right = self.top_right = 0

    def add(self, predicted, correct):
        self.problems += 1
        if predicted:
            self.tagged += 1
            self.predicted += len(predicted)
            self.right += sum(1 for p in predicted if correct(p))
            self.top_right += 1 if correct(predicted[0]) else 0

    def line(self, name):
        p = self.right / self.predicted if self.predicted else 0
        t = self.top_right / self.tagged if self.tagged else 0
        return "%-44s %6d problems  tagged %5.1f%%  precision %5.1f%%  top-1 %5.1f%%  (%d of %d areas right)" % (
            name, self.problems, 100 * self.tagged / max(1, self.problems), 100 * p, 100 * t, self.right, self.predicted)


def evaluate_domains(kg, path, text_field, label_field, table, level, name):
    rows, gold = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f):
            row = json.loads(line)
            rows.append({"id": str(number), "problem": row[text_field]})
            gold.append(table[row[label_field]])
    out = run_tag(kg, rows, ["--level", level])
    total, by_label = Score(), collections.defaultdict(Score)
    with open(path, encoding="utf-8") as f:
        labels = [json.loads(line)[label_field] for line in f]
    for record, domains, label in zip(out, gold, labels):
        predicted = record["areas"]
        correct = lambda code: domain_of(code) in domains
        total.add(predicted, correct)
        by_label[label].add(predicted, correct)
    print(total.line(name))
    for label in sorted(by_label):
        print("   " + by_label[label].line(label))


def evaluate_mathfish(kg, shared):
    import csv
    aligned = set()
    with open(os.path.join(shared, "mathfish-generated", "generated_problems_teacher_annotations.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # Teachers judged each problem against its standard: full-intent or partial alignment counts.
            if row["Align?"].strip() in ("Full-intent Alignment", "Partial Alignment"):
                aligned.add((" ".join(row["Problem/Activity Text"].split()), row["Standard"].strip()))
    rows, gold = [], []
    with open(os.path.join(shared, "mathfish-generated", "generated_problems_as_input_data.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            standard = row["standards"][0][1]
            if (" ".join(row["text"].split()), standard) not in aligned:
                continue
            rows.append({"id": row["id"], "problem": row["text"], "level": band_of(standard)})
            gold.append(standard)
    for name, args, strip_level in (("MathFish generated, band given", [], False),
                                    ("MathFish generated, band guessed", [], True)):
        given = [dict(r) for r in rows]
        if strip_level:
            for r in given:
                del r["level"]
        out = run_tag(kg, given, args)
        clusters, domains, bands = Score(), Score(), 0
        for record, standard in zip(out, gold):
            predicted = record["areas"]
            clusters.add(predicted, lambda code: code == cluster_of(standard))
            domains.add(predicted, lambda code: domain_of(code) == domain_of(cluster_of(standard)))
            bands += 1 if record.get("level") == band_of(standard) else 0
        print(clusters.line(name + " (cluster)"))
        print(domains.line(name + " (domain)"))
        if strip_level:
            print("   band guessed right for %d of %d (%.1f%%)" % (bands, len(out), 100 * bands / max(1, len(out))))


def evaluate_kps(kg, repo, shared):
    """KP precision on every 5th TAL-SCQ5K EN row, against a knowledge base built without them."""
    with tempfile.TemporaryDirectory() as folder:
        kept, held = [], []
        with open(os.path.join(repo, "data", "seeds", "tal-scq5k", "en_single_choice_train_3K.jsonl"), encoding="utf-8") as f:
            for number, line in enumerate(f):
                (held if number % 5 == 0 else kept).append(line)
        train = os.path.join(folder, "en_single_choice_train_3K.jsonl")
        with open(train, "w", encoding="utf-8") as f:
            f.writelines(kept)
        db = os.path.join(folder, "kb.sqlite")
        seeds = os.path.join(repo, "data", "seeds")
        for dataset, path in (("mathcamps", "mathcamps"), ("kmx", "kmx"), ("mathscale", "mathscale-extraction-sample"),
                              ("math", "math"), ("champ", "champ")):
            subprocess.run([kg, "import", dataset, os.path.join(seeds, path), "--ingest", "--db", db], check=True, capture_output=True)
        subprocess.run([kg, "import", "tal-scq5k", train, "--ingest", "--db", db], check=True, capture_output=True)
        heldout = os.path.join(folder, "held.jsonl")
        with open(heldout, "w", encoding="utf-8") as f:
            f.writelines(held)
        gold_records = subprocess.run([kg, "import", "tal-scq5k", heldout], check=True, capture_output=True, text=True).stdout
        gold = {}
        for line in gold_records.splitlines():
            record = json.loads(line)
            names = record["topics"] + record["knowledge_points"]
            gold[record["id"].split("/")[-1]] = set(normal(n) for n in names)
        rows = []
        for line in held:
            row = json.loads(line)
            rows.append({"id": row["queId"], "problem": row["problem"], "level": "competition"})
        out = run_tag(kg, rows, [], db=db)
        predicted = right = problems_with = 0
        for record in out:
            kps = record["knowledge_points"]
            if kps:
                problems_with += 1
            labels = gold.get(record["id"], set())
            predicted += len(kps)
            right += sum(1 for kp in kps if normal(kp) in labels)
        print("%-44s %6d problems  with KPs %5.1f%%  KP precision %5.1f%%  (%d of %d KPs in the gold labels)" % (
            "TAL-SCQ5K EN held-out fifth (knowledge points)", len(out), 100 * problems_with / max(1, len(out)),
            100 * right / max(1, predicted), right, predicted))


def normal(name):
    words = "".join(c.lower() if c.isalnum() else " " for c in name).split()
    return " ".join(w[:-1] if len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w for w in words)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kg", default=".build/release/kg")
    parser.add_argument("--shared", default="../shared/data")
    parser.add_argument("--repo", default=".")
    parser.add_argument("--dev", action="store_true", help="report the tuning set (MATH train) only")
    args = parser.parse_args()
    if args.dev:
        evaluate_domains(args.kg, os.path.join(args.shared, "math", "train.jsonl"), "problem", "type", MATH_DOMAINS,
                         "competition", "MATH train (dev set, used for tuning)")
        return
    evaluate_domains(args.kg, os.path.join(args.shared, "math", "test.jsonl"), "problem", "type", MATH_DOMAINS,
                     "competition", "MATH test (domain)")
    evaluate_domains(args.kg, os.path.join(args.shared, "olympiadbench-math-en", "test.jsonl"), "question", "subfield",
                     OLYMPIAD_DOMAINS, "competition", "OlympiadBench (domain)")
    evaluate_domains(args.kg, os.path.join(args.shared, "collegemath", "test.jsonl"), "question", "data_topic",
                     COLLEGE_DOMAINS, "college", "CollegeMath (domain)")
    evaluate_mathfish(args.kg, args.shared)
    evaluate_kps(args.kg, args.repo, args.shared)


if __name__ == "__main__":
    sys.exit(main())
