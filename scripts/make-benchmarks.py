#!/usr/bin/env python3
"""Writes data/benchmarks/{gsm8k,math}/test.jsonl from the GSM8K and MATH test splits.

Usage: python3 scripts/make-benchmarks.py ../shared/data
Each line is {"id", "problem", "answer"}: GSM8K ids are gsm8k/test/N (N = 1-based line of
the original test.jsonl), the answer is the text after "####"; MATH ids are the original
ids (test/<subject>/<n>.json), the answer is the last \\boxed{...} of the solution.
"""
import hashlib, json, os, sys

def boxed(solution):
    start = solution.rfind("\\boxed")
    if start < 0:
        start = solution.rfind("\\fbox")
        if start < 0:
            return None
    brace = solution.find("{", start)
    if brace < 0:
        return None
    depth = 0
    for i in range(brace, len(solution)):
        if solution[i] == "{":
            depth += 1
        elif solution[i] == "}":
            depth -= 1
            if depth == 0:
                return solution[brace + 1:i]
    return None

def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    data = open(path, "rb").read()
    print(f"{path}: {len(rows)} rows, {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
gsm8k = []
for n, line in enumerate(open(os.path.join(source, "gsm8k/test.jsonl"), encoding="utf-8"), 1):
    row = json.loads(line)
    gsm8k.append({"id": f"gsm8k/test/{n}", "problem": row["question"], "answer": row["answer"].split("####")[-1].strip()})
write("data/benchmarks/gsm8k/test.jsonl", gsm8k)
math = []
for line in open(os.path.join(source, "math/test.jsonl"), encoding="utf-8"):
    row = json.loads(line)
    math.append({"id": row["id"], "problem": row["problem"], "answer": boxed(row["solution"])})
write("data/benchmarks/math/test.jsonl", math)
