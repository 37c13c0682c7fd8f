#!/usr/bin/env python3
"""Builds data/curriculum/curriculum.jsonl, kg's default curriculum.

Run from the repository root, with the shared data folder beside the clone:

    python3 data/curriculum/build.py --shared ../shared/data

Inputs (nothing else is read, and the output is byte-identical on every run):
  <shared>/ccss-math-atc/standards.json          Common Core clusters and standards, current notation (6.RP.A.1)
  <shared>/ccss-math-atc/cluster_categories.json K-8 cluster emphasis (major / supporting / additional), HS "widely applicable"
  <shared>/ccss-math-asn/CC-math-0.8.0.json      domain names, full cluster headings, older notation (6.RP.1)
  data/curriculum/ccss-keywords.json             hand-written keywords for Common Core nodes
  data/curriculum/beyond-ccss.jsonl              hand-written college and competition areas

Python 3 standard library only. See data/curriculum/SOURCE.md and docs/coverage.md for the format.
"""
import argparse
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BANDS = ["K"] + ["grade-%d" % g for g in range(1, 9)] + ["high-school", "college", "competition"]

# Strands: cross-band families of domains, the columns of `kg coverage --chart`.
STRANDS = [
    ("number", "Number and operations"),
    ("fractions", "Fractions, ratios and proportion"),
    ("algebra", "Operations and algebra"),
    ("functions", "Functions and precalculus"),
    ("geometry", "Geometry"),
    ("measurement", "Measurement and data"),
    ("statistics", "Statistics and probability"),
    ("number-theory", "Number theory and discrete mathematics"),
    ("combinatorics", "Counting and combinatorics"),
    ("word-problems", "Word problems"),
    ("calculus", "Calculus and analysis"),
    ("linear-algebra", "Vectors and linear algebra"),
]

# Common Core domain (K-8 letters, or HS domain) -> strand.
K8_STRANDS = {
    "CC": "number", "NBT": "number", "NS": "number", "NF": "fractions", "RP": "fractions",
    "OA": "algebra", "EE": "algebra", "F": "functions", "G": "geometry", "MD": "measurement",
    "SP": "statistics",
}
HS_STRANDS = {"N": "number", "A": "algebra", "F": "functions", "G": "geometry", "S": "statistics"}
HS_OVERRIDES = {"N-VM": "linear-algebra"}

# The HS conceptual categories, added as labels to their domains so that a concept named
# "Geometry" at high-school level reaches the geometry domains.
HS_CATEGORY_LABELS = {"N": "number and quantity", "A": "algebra", "F": "functions", "G": "geometry",
                        "S": "statistics and probability"}

K8_CLUSTER = re.compile(r"^([K1-8])\.([A-Z]+)\.([A-Z])$")
K8_STANDARD = re.compile(r"^([K1-8])\.([A-Z]+)\.([A-Z])\.(\d+)([a-z]?)$")
HS_CLUSTER = re.compile(r"^([NAFGS])-([A-Z]+)\.([A-Z])$")
HS_STANDARD = re.compile(r"^([NAFGS])-([A-Z]+)\.([A-Z])\.(\d+)([a-z]?)$")


def clean(text):
    """Common Core text as one plain line: tags, entities, stars and stray bytes removed."""
    text = html.unescape(text or "")
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = text.replace("\ufffd", "").replace("\u2605", "").replace("★", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text


def band_of_grade(grade):
    return "K" if grade == "K" else "grade-" + grade


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared", "data"),
                        help="the shared data folder holding ccss-math-atc and ccss-math-asn")
    parser.add_argument("--output", default=os.path.join(HERE, "curriculum.jsonl"))
    args = parser.parse_args()

    atc = load_json(os.path.join(args.shared, "ccss-math-atc", "standards.json"))
    categories = load_json(os.path.join(args.shared, "ccss-math-atc", "cluster_categories.json"))
    asn = load_json(os.path.join(args.shared, "ccss-math-asn", "CC-math-0.8.0.json"))
    keywords = load_json(os.path.join(HERE, "ccss-keywords.json"))

    # ASN: statements by short code (domains per grade "6.RP", HS domains "N-RN", clusters).
    asn_statement = {}
    asn_codes = set()
    for entry in asn:
        code = entry.get("shortCode")
        if not code:
            continue
        asn_codes.add(code)
        statement = clean(entry.get("statement"))
        if statement and code not in asn_statement:
            asn_statement[code] = statement

    emphasis = {}
    for kind in ("major", "supporting", "additional"):
        for code in categories[kind]:
            emphasis[code] = kind
    for code in categories["widelyclusters"]:
        emphasis[code] = "widely-applicable"

    nodes_by_band = {band: [] for band in BANDS}
    seen = set()
    unused_keywords = set(k for k in keywords if k != "about")
    old_codes_found = 0
    old_codes_total = 0

    def keywords_for(code, extra=()):
        unused_keywords.discard(code)
        words = []
        for word in list(extra) + keywords.get(code, []):
            word = word.strip()
            if word and word.lower() not in (w.lower() for w in words):
                words.append(word)
        return words

    def add_domain(band, code, title, strand, extra_labels=()):
        if code in seen:
            return
        seen.add(code)
        # The domain's title (and an HS conceptual category) names the domain: a concept called
        # "Geometry" or "Expressions and Equations" means it. Labels match concept names only.
        labels = [title.lower().replace("\u2014", " ")] + list(extra_labels)
        node = {"code": code, "kind": "domain", "band": band, "strand": strand, "title": title,
                "keywords": keywords_for(code), "labels": labels}
        nodes_by_band[band].append(node)

    for entry in atc:
        code = entry["id"]
        description = clean(entry["description"])
        m = K8_CLUSTER.match(code) or HS_CLUSTER.match(code)
        if m:
            grade_or_category, domain_letters, _ = m.groups()
            if K8_CLUSTER.match(code):
                band = band_of_grade(grade_or_category)
                domain = "%s.%s" % (grade_or_category, domain_letters)
                strand = K8_STRANDS[domain_letters]
                extra = []
            else:
                band = "high-school"
                domain = "%s-%s" % (grade_or_category, domain_letters)
                strand = HS_OVERRIDES.get(domain, HS_STRANDS[grade_or_category])
                extra = [HS_CATEGORY_LABELS[grade_or_category]]
            # ASN names per-grade domains ("6.RP"); 8.F only appears under its bare code "F".
            title = asn_statement.get(domain) or asn_statement.get(domain_letters if K8_CLUSTER.match(code) else "")
            if not title:
                sys.exit("no ASN name for domain %s" % domain)
            title = title.replace("Number and Operations - Fractions", "Number and Operations\u2014Fractions")
            add_domain(band, domain, title, strand, extra)
            cluster_title = asn_statement.get(code) or description
            node = {"code": code, "parent": domain, "kind": "cluster", "band": band, "title": cluster_title.rstrip(".")}
            if code in emphasis:
                node["emphasis"] = emphasis[code]
            node["keywords"] = keywords_for(code)
            nodes_by_band[band].append(node)
            seen.add(code)
            continue
        m = K8_STANDARD.match(code) or HS_STANDARD.match(code)
        if not m:
            continue  # MP.1-8: mathematical practices, not content
        first, domain_letters, cluster_letter, number, letter = m.groups()
        if K8_STANDARD.match(code):
            band = band_of_grade(first)
            old = "%s.%s.%s%s" % ("K" if first == "K" else first, domain_letters, number, letter)
        else:
            band = "high-school"
            old = "%s-%s.%s%s" % (first, domain_letters, number, letter)
        cluster = code[: code.rindex(".")]
        parent = code[:-1] if letter else cluster
        if parent not in seen:
            sys.exit("standard %s comes before its parent %s" % (code, parent))
        old_codes_total += 1
        if old in asn_codes:
            old_codes_found += 1
        node = {"code": code, "parent": parent, "kind": "standard", "band": band, "title": description,
                "aliases": [old]}
        words = keywords_for(code)
        if words:
            node["keywords"] = words
        nodes_by_band[band].append(node)
        seen.add(code)

    if unused_keywords:
        sys.exit("ccss-keywords.json names codes that are not in the standards: %s" % ", ".join(sorted(unused_keywords)))

    with open(os.path.join(HERE, "beyond-ccss.jsonl"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            node = json.loads(line)
            node.pop("sources", None)
            if node["band"] not in ("college", "competition"):
                sys.exit("beyond-ccss.jsonl:%d: band %s" % (number, node["band"]))
            if node["kind"] == "domain":
                node["labels"] = node.get("labels", [])
                title = node["title"].lower()
                if title not in (k.lower() for k in node["labels"]):
                    node["labels"].insert(0, title)
            nodes_by_band[node["band"]].append(node)

    lines = [json.dumps({"curriculum": "kg default curriculum: Common Core K-12, college, competition",
                         "version": 1, "generated_by": "data/curriculum/build.py"}, ensure_ascii=False)]
    for code, title in STRANDS:
        lines.append(json.dumps({"kind": "strand", "code": code, "title": title}, ensure_ascii=False))
    order = ["code", "parent", "kind", "band", "strand", "emphasis", "title", "labels", "keywords", "aliases"]
    counts = {}
    for band in BANDS:
        for node in nodes_by_band[band]:
            ordered = {key: node[key] for key in order if key in node and node[key] not in (None, [])}
            lines.append(json.dumps(ordered, ensure_ascii=False))
            key = (band, node["kind"])
            counts[key] = counts.get(key, 0) + 1
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    print("wrote %s: %d lines" % (os.path.relpath(args.output), len(lines)))
    print("old-notation aliases found in the ASN file: %d of %d" % (old_codes_found, old_codes_total))
    for band in BANDS:
        print("  %-12s domains %3d  clusters %3d  standards %3d" % (
            band, counts.get((band, "domain"), 0), counts.get((band, "cluster"), 0), counts.get((band, "standard"), 0)))


if __name__ == "__main__":
    main()
