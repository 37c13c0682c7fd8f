import KnowledgeBase

extension CoverageReport {
    /// The report as one JSON object, fields in the order docs/coverage.md lists them;
    /// `under_represented` holds the first `top` ranked areas. With `against`, the other
    /// report is nested under "against" and a per-area "comparison" follows.
    public func jsonText(top: Int = 20, against: CoverageReport? = nil) -> String {
        var w = JSONWriter()
        write(to: &w, top: top, against: against)
        return w.string
    }

    func write(to w: inout JSONWriter, top: Int, against: CoverageReport?) {
        w.beginObject()
        w.key("curriculum"); w.beginObject()
        w.key("name"); w.string(curriculumName)
        w.key("path"); w.string(curriculumPath)
        w.key("areas"); w.int(totals.areas)
        w.stringArray("bands", bands.map(\.rawValue))
        w.endObject()
        w.key("source"); w.beginObject()
        w.key("kind"); w.string(sourceKind.rawValue)
        w.key("path"); w.string(sourcePath)
        w.endObject()
        w.key("target"); w.string(target.description)
        w.key("smoothing"); w.double(smoothing)
        w.key("head_fraction"); w.double(headFraction)

        w.key("problems"); w.beginObject()
        w.key("total"); w.int(problemCounts.total)
        w.key("in_areas"); w.int(problemsInAreas)
        for route in MappingRoute.allCases {
            let key: String
            switch route {
            case .explicit: key = "explicit"
            case .concepts: key = "concepts"
            case .text: key = "text"
            case .domain: key = "domain_only"
            case .band: key = "band_only"
            case .unmapped: key = "unmapped"
            }
            w.key(key); w.int(problems(route: route))
        }
        w.key("area_weight"); w.double(problemCounts.areaWeight)
        w.key("weight_outside_bands"); w.double(problemCounts.weightOutsideBands)
        w.endObject()

        w.key("totals"); w.beginObject()
        w.key("areas"); w.int(totals.areas)
        w.key("areas_covered"); w.int(totals.areasCovered)
        w.key("coverage"); w.double(totals.areas > 0 ? Double(totals.areasCovered) / Double(totals.areas) : 0)
        w.key("entropy_bits"); w.double(totals.entropyBits)
        w.key("max_entropy_bits"); w.double(totals.maximumEntropyBits)
        w.key("normalized_entropy"); w.double(totals.normalisedEntropy)
        w.key("gini"); w.double(totals.gini)
        w.key("kl_bits"); w.double(totals.klBits)
        w.key("long_tail_share"); w.double(totals.longTailShare)
        w.endObject()

        func rollUps(_ key: String, _ rows: [RollUp], isBand: Bool) {
            w.key(key); w.beginArray()
            for row in rows {
                w.beginObject()
                if isBand {
                    w.key("band"); w.string(row.band.rawValue)
                } else {
                    w.key("code"); w.string(row.code)
                    w.key("title"); w.string(row.title)
                    w.key("band"); w.string(row.band.rawValue)
                    w.key("strand"); w.string(row.strand)
                }
                w.key("areas"); w.int(row.areas)
                w.key("areas_covered"); w.int(row.areasCovered)
                w.key("problems"); w.int(row.problems)
                w.key("unplaced"); w.int(row.unplaced)
                w.key("concepts"); w.int(row.concepts)
                w.key("share"); w.double(row.share)
                w.key("target_share"); w.double(row.targetShare)
                w.key("deficit"); w.double(row.deficit)
                w.endObject()
            }
            w.endArray()
        }
        rollUps("bands", bandRows, isBand: true)
        rollUps("domains", domains, isBand: false)

        w.key("areas"); w.beginArray()
        for row in areas {
            w.beginObject()
            w.key("code"); w.string(row.code)
            w.key("title"); w.string(row.title)
            w.key("band"); w.string(row.band.rawValue)
            w.key("domain"); w.string(row.domain)
            w.key("strand"); w.string(row.strand)
            w.key("problems"); w.int(row.problems)
            w.key("concepts"); w.int(row.concepts)
            w.key("weight"); w.double(row.weight)
            w.key("share"); w.double(row.share)
            w.key("target_share"); w.double(row.targetShare)
            w.key("deficit"); w.double(row.deficit)
            w.key("needed"); w.int(row.needed)
            w.endObject()
        }
        w.endArray()

        w.key("under_represented"); w.beginArray()
        for (rank, row) in underRepresented.prefix(max(0, top)).enumerated() {
            w.beginObject()
            w.key("rank"); w.int(rank + 1)
            w.key("code"); w.string(row.code)
            w.key("title"); w.string(row.title)
            w.key("band"); w.string(row.band.rawValue)
            w.key("share"); w.double(row.share)
            w.key("target_share"); w.double(row.targetShare)
            w.key("deficit"); w.double(row.deficit)
            w.key("needed"); w.int(row.needed)
            w.endObject()
        }
        w.endArray()

        if let against {
            w.key("against")
            against.write(to: &w, top: top, against: nil)
            w.key("comparison"); w.beginArray()
            let other = Dictionary(uniqueKeysWithValues: against.areas.map { ($0.code, $0) })
            for row in areas {
                let b = other[row.code]
                w.beginObject()
                w.key("code"); w.string(row.code)
                w.key("share"); w.double(row.share)
                w.key("against_share"); w.double(b?.share ?? 0)
                w.key("delta"); w.double((b?.share ?? 0) - row.share)
                w.key("problems"); w.int(row.problems)
                w.key("against_problems"); w.int(b?.problems ?? 0)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}
