#!/usr/bin/env python3
"""MinHash-LSH deduplication of the first N problems of a JSONL file with datasketch, as kg
dedup's minhash rule does it: words lower-cased, numbers one word "#", word 5-grams, 256
permutations, 25 bands x 10 rows, a candidate kept when its estimated Jaccard is >= 0.7.

Usage: datasketch-dedup.py FILE N   (prints one line: problems, seconds, duplicates, peak MiB)
"""
import json, re, resource, sys, time
from datasketch import MinHash, MinHashLSH

NUMBER = re.compile(r"\$?\d+(?:,\d{3})*(?:\.\d+|/\d+)?%?")
WORD = re.compile(r"#|[a-z\u0080-\uffff]+")

def words(text):
    return WORD.findall(NUMBER.sub(" # ", text.lower()))

def main():
    path, limit = sys.argv[1], int(sys.argv[2])
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["problem"])
    start = time.time()
    lsh = MinHashLSH(threshold=0.7, num_perm=256, params=(25, 10))
    signatures = []
    duplicates = 0
    for i, text in enumerate(texts):
        w = words(text)
        shingles = {" ".join(w[k:k + 5]) for k in range(max(1, len(w) - 4))}
        m = MinHash(num_perm=256, seed=42)
        m.update_batch(s.encode("utf-8") for s in shingles)
        if any(m.jaccard(signatures[j]) >= 0.7 for j in lsh.query(m)):
            duplicates += 1
        lsh.insert(i, m)
        signatures.append(m)
    seconds = time.time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"datasketch {len(texts)} problems in {seconds:.2f} s ({len(texts) / seconds:.0f}/s), {duplicates} duplicates, peak memory {peak:.0f} MiB")

main()
