#!/usr/bin/env python3
"""Generates problems.jsonl: a fixed, seeded sample of DeepMind's mathematics_dataset.

Run once; the output ships in this folder (SOURCE.md says how and why):

    python3 -m venv /tmp/md && /tmp/md/bin/pip install mathematics-dataset==1.0.1 sympy==1.4 numpy==1.23.5
    /tmp/md/bin/python generate.py > problems.jsonl

mathematics_dataset 1.0.1 needs sympy 1.4 and numpy 1.23 (later versions removed names it uses).
Each line: {"id", "module", "question", "answer"}; "module" is the generator's
"area__submodule" name (e.g. "algebra__linear_1d"), the label kg's importer maps to a
topic, a knowledge point and a level.
"""
import json
import os
import zlib
import random
import sys

import numpy as np
from mathematics_dataset import generate
from mathematics_dataset.modules import modules

SEED = 20261204
PER_MODULE = 200
# School and university-entry modules; the composed variants and the K-8 arithmetic,
# comparison and measurement modules are left out (the default knowledge base already
# spans K-8, and composed questions chain unrelated steps). polynomials add and compose are
# left out too: their output varies from run to run whatever the seeds (it depends on the
# order of sympy objects in memory), and this sample must be reproducible.
CHOSEN = {
    "algebra": ["linear_1d", "linear_2d", "polynomial_roots", "sequence_next_term", "sequence_nth_term"],
    "polynomials": ["expand", "collect", "evaluate", "simplify_power", "coefficient_named"],
    "probability": ["swr_p_sequence", "swr_p_level_set"],
    "calculus": ["differentiate"],
}


def main():
    # The generator picks variable names from sets: string hashing must not vary by run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    # Difficulty 0.5 of the train split's range [0, 1]: the generator's own "medium".
    problems = modules.train(generate._make_entropy_fn(0, 1))
    for area, names in CHOSEN.items():
        for name in names:
            random.seed(f"{SEED}/{area}/{name}")
            np.random.seed(zlib.crc32(f"{SEED}/{area}/{name}".encode()))
            module = problems[area][name]
            seen = set()
            index = 0
            while index < PER_MODULE:
                problem = module()
                question = str(problem.question)
                if question in seen:
                    continue
                seen.add(question)
                index += 1
                line = {
                    "id": f"mathematics-dataset/{area}__{name}/{index}",
                    "module": f"{area}__{name}",
                    "question": question,
                    "answer": str(problem.answer),
                }
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
