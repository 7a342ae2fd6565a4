/// One class's confusion counts against all others.
struct ClassCounts {
    var truePositives = 0, falsePositives = 0, falseNegatives = 0

    init(label: String, labels: [String], predicted: [String]) {
        for (truth, guess) in zip(labels, predicted) {
            if guess == label { if truth == label { truePositives += 1 } else { falsePositives += 1 } } else if truth == label { falseNegatives += 1 }
        }
    }

    var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double? {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator == 0 ? nil : Double(2 * truePositives) / Double(denominator)
    }
}

/// ROC AUC as the Mann–Whitney U statistic with average ranks for ties (equal to the area under
/// scikit-learn's ROC curve); multiclass is one-vs-rest, macro-averaged.
enum ROCAUC {
    static func compute(labels: [String], probabilities: [[String: Double]], classes: [String]) -> Double? {
        var aucs: [Double] = []
        for positive in classes {
            let scores = probabilities.enumerated().map { index, row -> Double in
                if let p = row[positive] { return p }
                // Binary rows may only give the other class.
                return row.count == 1 ? 1 - row.values.first! : 0
            }
            guard let auc = binary(positives: labels.map { $0 == positive }, scores: scores) else { return nil }
            aucs.append(auc)
        }
        return aucs.isEmpty ? nil : aucs.reduce(0, +) / Double(aucs.count)
    }

    static func binary(positives: [Bool], scores: [Double]) -> Double? {
        let nPositive = positives.filter { $0 }.count, nNegative = positives.count - nPositive
        guard nPositive > 0, nNegative > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0, i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where positives[order[k]] { rankSum += averageRank }
            i = j + 1
        }
        let u = rankSum - Double(nPositive) * Double(nPositive + 1) / 2
        return u / (Double(nPositive) * Double(nNegative))
    }
}
